import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { storeVerificationSchema } from "~/domain/trust/store-verification";
import { listStoresForVerification, verifyStore } from "~/services/store-verification.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";

// Store verification: an admin checks the official domain and the business registration evidence; the
// store page's badge says what was checked and when. Revoking needs a reason, shown on the store page.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ stores: await listStoresForVerification() });
}

type Result = { storeId: string; ok: boolean; errors: Record<string, string[] | null> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  const storeId = String(form.get("storeId") ?? "").slice(0, 64);
  const submission = parseWithZod(form, { schema: storeVerificationSchema });
  if (submission.status !== "success") return json<Result>({ storeId, ok: false, errors: submission.reply().error ?? {} }, { status: 400 });
  const verified = await verifyStore(admin, submission.value);
  if (verified.ok) return json<Result>({ storeId, ok: true, errors: {} });
  if (verified.reason === "notFound") throw new Response("Store not found", { status: 404 });
  return json<Result>({ storeId, ok: false, errors: verified.errors }, { status: 400 });
}

export default function AdminStores() {
  const { stores } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  return (
    <div className="page">
      <h1>{t("trust:admin.storesTitle")}</h1>
      <p className="muted">{t("trust:admin.storesIntro")}</p>
      <ul className="store-verifications">
        {stores.map((store) => {
          const mine = result?.storeId === store.id ? result : undefined;
          const error = (field: string) => mine?.errors[field] ?? null;
          const input = (field: "officialDomain" | "registration" | "note", label: string, max: number) => (
            <div className="field">
              <label htmlFor={`${field}-${store.id}`}>{label}</label>
              <input
                id={`${field}-${store.id}`}
                name={field}
                maxLength={max}
                aria-invalid={error(field) ? true : undefined}
                aria-describedby={error(field) ? `${field}-${store.id}-error` : undefined}
              />
              {error(field) ? (
                <p id={`${field}-${store.id}-error`} className="field-errors" role="alert">
                  {error(field)
                    ?.map((key) => t(key))
                    .join(" ")}
                </p>
              ) : null}
            </div>
          );
          return (
            <li key={store.id} data-testid="store-verification">
              <h2>
                <Link to={`/stores/${store.slug}`}>{store.name}</Link>{" "}
                <span className={store.verificationStatus === "VERIFIED" ? "badge badge-good" : "badge badge-muted"}>
                  {t(`trust:store.status.${store.verificationStatus}`)}
                </span>
              </h2>
              <p className="muted">
                {t(`countries.${store.country}`)} · {store.baseUrl}
                {store.verifiedAt ? ` · ${t("trust:store.checkedAt", { date: formatDate(store.verifiedAt, i18n.language) })}` : null}
              </p>
              {mine?.ok ? (
                <p role="status" className="notice success">
                  {t("trust:admin.saved")}
                </p>
              ) : null}
              <Form method="post" className="admin-form">
                <input type="hidden" name="storeId" value={store.id} />
                <div className="form-grid">
                  {input("officialDomain", t("trust:admin.officialDomain"), 253)}
                  {input("registration", t("trust:admin.registration"), 500)}
                  {input("note", t("trust:admin.note"), 1000)}
                </div>
                <button type="submit" name="intent" value="verify" className="button primary small" disabled={busy}>
                  {t("trust:admin.verify")}
                </button>{" "}
                {store.verificationStatus === "VERIFIED" ? (
                  <button type="submit" name="intent" value="revoke" className="button small" disabled={busy}>
                    {t("trust:admin.revoke")}
                  </button>
                ) : null}
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
