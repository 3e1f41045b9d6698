import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { campaignRecipients, listCampaigns, previewCampaign, queueCampaign } from "~/services/campaigns.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// One campaign: its preview in both languages (what a shopper will see), "send", and what it did.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-campaigns-id") }];

const idSchema = z.string().min(1).max(64);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const id = idSchema.safeParse(params.id);
  const preview = id.success ? await previewCampaign(id.data) : null;
  if (!preview) throw json({ reason: "notFound" }, { status: 404 });
  const [recipients, listed] = await Promise.all([campaignRecipients(preview.campaign.id), listCampaigns()]);
  const tally = listed.find((row) => row.id === preview.campaign.id)?.tally ?? { sent: 0, skippedCap: 0, notOptedIn: 0 };
  return json({ ...preview, recipients, tally });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  const id = idSchema.safeParse(params.id);
  if (!id.success || form.get("intent") !== "send") return json({ error: "promo:errors.badRequest" }, { status: 400 });
  const queued = await queueCampaign(admin, id.data);
  if (!queued.ok) {
    const status = queued.reason === "notFound" ? 404 : 409;
    const key = { notFound: "promo:errors.notFound", noListings: "promo:admin.noListings", alreadySent: "promo:admin.alreadySent" }[
      queued.reason
    ];
    return json({ error: key }, { status });
  }
  return redirect(`/admin/campaigns/${id.data}?${queued.alreadyQueued ? "alreadyQueued" : "queued"}=1`);
}

export default function AdminCampaign() {
  const { campaign, previews, recipients, tally } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const empty = previews.every((preview) => preview.items.length === 0);
  return (
    <section className="page" aria-labelledby="campaign-title">
      <p>
        <Link to="/admin/campaigns">{t("promo:admin.back")}</Link>
      </p>
      <h1 id="campaign-title">{i18n.language === "en" ? campaign.subjectEn : campaign.subjectZh}</h1>
      <p>
        {t(`promo:admin.kinds.${campaign.kind}`, { defaultValue: campaign.kind })} ·{" "}
        <span data-testid="campaign-status">{t(`promo:admin.statuses.${campaign.status}`, { defaultValue: campaign.status })}</span>
      </p>
      <p data-testid="campaign-tally">{t("promo:admin.tally", tally)}</p>
      {searchParams.get("queued") ? (
        <p role="status" className="notice success">
          {t("promo:admin.queued")}
        </p>
      ) : null}
      {searchParams.get("alreadyQueued") ? (
        <p role="status" className="notice">
          {t("promo:admin.alreadyQueued")}
        </p>
      ) : null}
      {result?.error ? (
        <p role="alert" className="form-errors">
          {t(result.error)}
        </p>
      ) : null}

      <h2>{t("promo:admin.previewTitle")}</h2>
      {empty ? <p className="notice">{t("promo:admin.noListings")}</p> : null}
      <div className="campaign-previews">
        {previews.map((preview) => (
          <article key={preview.locale} lang={preview.locale} data-testid={`preview-${preview.locale}`} className="campaign-preview">
            <p className="muted">{t("promo:admin.previewIn", { language: t(`promo:admin.languages.${preview.locale}`) })}</p>
            <h3>{preview.subject}</h3>
            <p>{preview.intro}</p>
            <ul className="campaign-items">
              {preview.items.map((item) => (
                <li key={item.id}>
                  {item.image ? <img src={item.image} alt="" width={96} height={96} loading="lazy" /> : null}
                  <Link to={item.link}>{item.title}</Link> · {item.price ?? t("promo:admin.noPrice")}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </div>

      {campaign.status === "DRAFT" ? (
        <Form method="post">
          <p className="muted">{t("promo:admin.sendHint")}</p>
          <button type="submit" name="intent" value="send" className="button primary" disabled={empty}>
            {t("promo:admin.send")}
          </button>
        </Form>
      ) : null}

      <h2>{t("promo:admin.recipientsTitle")}</h2>
      {recipients.length === 0 ? <p className="muted">{t("promo:admin.recipientsEmpty")}</p> : null}
      <ul className="campaign-recipients">
        {recipients.map((row) => (
          <li key={row.id} data-testid="recipient">
            {row.user.name} &lt;{row.user.email}&gt; · {t(`promo:admin.recipientStatuses.${row.status}`, { defaultValue: row.status })}
            {row.status === "SENT"
              ? ` (${[row.inSite ? t("promo:channels.inSite") : null, row.email ? t("promo:channels.email") : null].filter(Boolean).join(", ")})`
              : null}{" "}
            · {formatDateTime(row.createdAt, i18n.language)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
