import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimList } from "~/components/claim-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/form-field";
import { fromFen } from "~/domain/landed-cost/money";
import { claimSettingsSchema, getClaimSettings, listClaims, updateClaimSettings } from "~/services/claims.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";

// The admin's claims desk: the claims waiting for a decision (oldest first) and the one setting of the
// payout table, the cap of an uninsured parcel's claim (audited).

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-claims") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const [settings, claims] = await Promise.all([getClaimSettings(), listClaims(admin, { status: "FILED" })]);
  return json({ cap: fromFen(settings.uninsuredCapFen), claims });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await readForm(request), { schema: claimSettingsSchema });
  if (submission.status !== "success") return json({ ok: false, errors: submission.reply().error ?? {} }, { status: 400 });
  await updateClaimSettings(admin, submission.value.uninsuredCap);
  return json({ ok: true, errors: {} as Record<string, string[] | null> });
}

export default function AdminClaims() {
  const { cap, claims } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <h1>{t("claims:admin.title")}</h1>
      <section aria-labelledby="claims-queue-title">
        <h2 id="claims-queue-title">{t("claims:admin.queue")}</h2>
        {claims.length === 0 ? <p className="empty">{t("claims:list.empty")}</p> : <ClaimList claims={claims} showShopper />}
        <p>
          <Link to="/claims">{t("claims:admin.all")}</Link>
        </p>
      </section>
      <section aria-labelledby="claims-settings-title">
        <h2 id="claims-settings-title">{t("claims:admin.settings")}</h2>
        {result?.ok ? (
          <p role="status" className="notice success">
            {t("claims:admin.saved")}
          </p>
        ) : null}
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="settings" />
          <Field
            label={t("claims:admin.cap")}
            hint={t("claims:admin.capHint")}
            errors={result?.errors.uninsuredCap ?? undefined}
            inputProps={{ id: "claims-cap", name: "uninsuredCap", inputMode: "decimal", required: true, defaultValue: cap }}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {t("claims:admin.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
