import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors } from "~/components/form-field";
import { CAMPAIGN_KINDS, INTRO_MAX, SUBJECT_MAX, campaignSchema, capSchema } from "~/domain/notifications/campaign-form";
import { CAP_MAX, CAP_MIN } from "~/domain/notifications/frequency-cap";
import { campaignTargets, createCampaign, getMarketingSettings, listCampaigns, setWeeklyCap } from "~/services/campaigns.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// Admins set the weekly marketing cap, compose campaigns (then preview and send each on its own page)
// and see what every campaign did.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-campaigns") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const [campaigns, targets, settings] = await Promise.all([listCampaigns(), campaignTargets(), getMarketingSettings()]);
  return json({ campaigns, ...targets, settings });
}

type Errors = Record<string, string[] | null | undefined>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "cap") {
    const submission = parseWithZod(form, { schema: capSchema });
    if (submission.status !== "success") return json({ intent, errors: (submission.reply().error ?? {}) as Errors }, { status: 400 });
    await setWeeklyCap(admin, submission.value.weeklyCap);
    return redirect("/admin/campaigns?saved=cap");
  }
  if (intent !== "create") return json({ intent: "create", errors: { "": ["promo:errors.badRequest"] } as Errors }, { status: 400 });
  const submission = parseWithZod(form, { schema: campaignSchema });
  if (submission.status !== "success") return json({ intent, errors: (submission.reply().error ?? {}) as Errors }, { status: 400 });
  const created = await createCampaign(admin, submission.value);
  if (!created.ok) return json({ intent, errors: { [created.field]: [created.message] } as Errors }, { status: 400 });
  return redirect(`/admin/campaigns/${created.id}`);
}

export default function AdminCampaigns() {
  const { campaigns, stores, categories, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const capErrors = result?.intent === "cap" ? result.errors : {};
  const errors = result?.intent === "create" ? result.errors : {};
  const invalid = (name: string) => (errors[name]?.length ? true : undefined);
  return (
    <section className="page" aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t("promo:admin.title")}</h1>
      <p className="muted">{t("promo:admin.intro")}</p>

      <h2>{t("promo:admin.capTitle")}</h2>
      {searchParams.get("saved") === "cap" ? (
        <p role="status" className="notice success">
          {t("promo:admin.capSaved")}
        </p>
      ) : null}
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="cap" />
        <label htmlFor="weekly-cap">{t("promo:admin.capLabel")}</label>
        <input
          id="weekly-cap"
          name="weeklyCap"
          type="number"
          inputMode="numeric"
          min={CAP_MIN}
          max={CAP_MAX}
          required
          defaultValue={settings.weeklyCap}
          aria-invalid={capErrors.weeklyCap?.length ? true : undefined}
          aria-describedby="weekly-cap-error"
        />
        <button type="submit" className="button">
          {t("promo:admin.capSave")}
        </button>
        <FieldErrors id="weekly-cap-error" errors={capErrors.weeklyCap} />
      </Form>

      <h2 id="compose-title">{t("promo:admin.composeTitle")}</h2>
      <Form method="post" aria-labelledby="compose-title">
        <input type="hidden" name="intent" value="create" />
        <FieldErrors id="compose-errors" errors={errors[""]} />
        <div className="field">
          <label htmlFor="campaign-kind">{t("promo:admin.kind")}</label>
          <select id="campaign-kind" name="kind" required defaultValue="NEW_ARRIVALS" aria-invalid={invalid("kind")}>
            {CAMPAIGN_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`promo:admin.kinds.${kind}`)}
              </option>
            ))}
          </select>
          <FieldErrors id="campaign-kind-error" errors={errors.kind} />
        </div>
        <div className="field">
          <label htmlFor="campaign-store">{t("promo:admin.store")}</label>
          <select
            id="campaign-store"
            name="storeId"
            defaultValue=""
            aria-invalid={invalid("storeId")}
            aria-describedby="campaign-store-error"
          >
            <option value="">{t("promo:admin.none")}</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name}
              </option>
            ))}
          </select>
          <FieldErrors id="campaign-store-error" errors={errors.storeId} />
        </div>
        <div className="field">
          <label htmlFor="campaign-category">{t("promo:admin.category")}</label>
          <select
            id="campaign-category"
            name="categorySlug"
            defaultValue=""
            aria-invalid={invalid("categorySlug")}
            aria-describedby="campaign-category-error"
          >
            <option value="">{t("promo:admin.none")}</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {i18n.language === "en" ? category.nameEn : category.nameZh}
              </option>
            ))}
          </select>
          <FieldErrors id="campaign-category-error" errors={errors.categorySlug} />
        </div>
        {(["subjectZh", "subjectEn"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`campaign-${name}`}>{t(`promo:admin.${name}`)}</label>
            <input
              id={`campaign-${name}`}
              name={name}
              required
              maxLength={SUBJECT_MAX}
              aria-invalid={invalid(name)}
              aria-describedby={`campaign-${name}-error`}
            />
            <FieldErrors id={`campaign-${name}-error`} errors={errors[name]} />
          </div>
        ))}
        {(["introZh", "introEn"] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`campaign-${name}`}>{t(`promo:admin.${name}`)}</label>
            <textarea
              id={`campaign-${name}`}
              name={name}
              required
              rows={3}
              maxLength={INTRO_MAX}
              aria-invalid={invalid(name)}
              aria-describedby={`campaign-${name}-error`}
            />
            <FieldErrors id={`campaign-${name}-error`} errors={errors[name]} />
          </div>
        ))}
        <button type="submit" className="button primary">
          {t("promo:admin.create")}
        </button>
      </Form>

      <h2>{t("promo:admin.listTitle")}</h2>
      {campaigns.length === 0 ? <p className="muted">{t("promo:admin.empty")}</p> : null}
      <ul className="admin-campaign-list">
        {campaigns.map((campaign) => (
          <li key={campaign.id} data-testid="campaign">
            <p>
              <strong>{i18n.language === "en" ? campaign.subjectEn : campaign.subjectZh}</strong> ·{" "}
              {t(`promo:admin.kinds.${campaign.kind}`, { defaultValue: campaign.kind })} ·{" "}
              <span data-testid="campaign-status">{t(`promo:admin.statuses.${campaign.status}`, { defaultValue: campaign.status })}</span>
            </p>
            <p className="muted">
              {t("promo:admin.created", { date: formatDateTime(campaign.createdAt, i18n.language) })}
              {campaign.sentAt ? ` · ${t("promo:admin.sentAt", { date: formatDateTime(campaign.sentAt, i18n.language) })}` : null}
            </p>
            <p data-testid="campaign-tally">{t("promo:admin.tally", campaign.tally)}</p>
            <Link to={`/admin/campaigns/${campaign.id}`}>{t("promo:admin.open")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
