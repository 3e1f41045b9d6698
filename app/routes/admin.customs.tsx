import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldErrorsOf } from "~/domain/field-errors";
import { customsRuleSetFormSchema, deleteCustomsRuleSetSchema } from "~/domain/pricing/customs-rules-form";
import { addCustomsRuleSet, deleteCustomsRuleSet, latestCustomsRuleSetStart, listCustomsRuleSets } from "~/services/customs-admin.server";
import { requireRole } from "~/utils/auth.server";
import { formatChinaInstant, formatMoney, formatNumber } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-customs") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ ruleSets: await listCustomsRuleSets(new Date()) });
}

type ActionResult = {
  intent: "add" | "delete";
  ok: boolean;
  errors: Record<string, string[]>;
  id?: string;
  values?: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const raw = Object.fromEntries(await readForm(request));
  const now = new Date();
  if (raw.intent === "delete") {
    const parsed = deleteCustomsRuleSetSchema.safeParse(raw);
    if (!parsed.success)
      return json<ActionResult>({ intent: "delete", ok: false, errors: { id: ["admin:customs.errors.notFound"] } }, { status: 400 });
    const outcome = await deleteCustomsRuleSet(admin, parsed.data.id, now);
    if (!outcome.ok && "notFound" in outcome) throw new Response("Not Found", { status: 404 });
    if (!outcome.ok)
      return json<ActionResult>({ intent: "delete", ok: false, errors: { id: [outcome.error] }, id: parsed.data.id }, { status: 409 });
    return json<ActionResult>({ intent: "delete", ok: true, errors: {}, id: parsed.data.id });
  }
  const schema = customsRuleSetFormSchema({ now, latestEffectiveFrom: await latestCustomsRuleSetStart() });
  const parsed = schema.safeParse({ ...raw, intent: "add" });
  // What was typed goes back to the form, so a correction is one field, not the whole form again.
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === "string" ? value : ""]));
  if (!parsed.success)
    return json<ActionResult>({ intent: "add", ok: false, errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const outcome = await addCustomsRuleSet(admin, parsed.data, now);
  if (!outcome.ok)
    return json<ActionResult>({ intent: "add", ok: false, errors: { [outcome.field]: [outcome.error] }, values }, { status: 409 });
  return json<ActionResult>({ intent: "add", ok: true, errors: {}, id: outcome.id });
}

type RuleSetRow = ReturnType<typeof useLoaderData<typeof loader>>["ruleSets"][number];

export default function AdminCustoms() {
  const { ruleSets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const failedAdd = result?.intent === "add" && !result.ok ? result : null;
  return (
    <div className="page">
      <h1>{t("admin:customs.title")}</h1>
      <p className="muted">{t("admin:customs.intro")}</p>
      {result?.ok ? (
        <p role="status" className="notice success">
          {t(result.intent === "add" ? "admin:customs.added" : "admin:customs.deleted", { id: result.id })}
        </p>
      ) : null}
      {result?.intent === "delete" && !result.ok ? (
        <p role="alert" className="notice error">
          {(result.errors.id ?? []).map((error) => t(error)).join(" ")}
        </p>
      ) : null}
      <section aria-labelledby="rule-sets-title">
        <h2 id="rule-sets-title">{t("admin:customs.listTitle")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("admin:customs.columns.effectiveFrom")}</th>
                <th scope="col">{t("admin:customs.columns.source")}</th>
                <th scope="col">{t("admin:customs.columns.postal")}</th>
                <th scope="col">{t("admin:customs.columns.cbec")}</th>
                <th scope="col">{t("admin:customs.columns.status")}</th>
                <th scope="col">{t("admin:customs.columns.quotes")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin:customs.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ruleSets.map((ruleSet) => (
                <RuleSetTableRow key={ruleSet.id} ruleSet={ruleSet} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {/* A new key after each answer: the uncontrolled fields take the new defaults. */}
      <AddRuleSetForm
        key={JSON.stringify(result ?? null)}
        latest={ruleSets[0] ?? null}
        errors={failedAdd?.errors ?? {}}
        typed={failedAdd?.values ?? null}
      />
    </div>
  );
}

function RuleSetTableRow({ ruleSet }: { ruleSet: RuleSetRow }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const money = (amount: string) => formatMoney(amount, "CNY", locale);
  const { customs } = ruleSet;
  const overrides = Object.entries(customs.postalParcelLimitByOrigin);
  return (
    <tr data-testid={`rule-set-${ruleSet.id}`}>
      <td>{formatChinaInstant(customs.effectiveFrom)}</td>
      <td>
        {locale.startsWith("zh") && ruleSet.sourceZh ? ruleSet.sourceZh : customs.source}
        <br />
        <span className="muted">{locale.startsWith("zh") ? customs.source : ruleSet.sourceZh}</span>
      </td>
      <td>
        {t("admin:customs.postalSummary", { limit: money(customs.postalParcelLimit), waiver: money(customs.postalTaxWaiver) })}
        {overrides.length > 0 ? (
          <>
            <br />
            <span className="muted">
              {overrides
                .map(([country, limit]) => `${t(`countries.${country}`, { defaultValue: country })} ${money(limit)}`)
                .join(t("quote:customs.listSeparator"))}
            </span>
          </>
        ) : null}
      </td>
      <td>
        {t("admin:customs.cbecSummary", {
          single: money(customs.cbecSingleLimit),
          annual: money(customs.cbecAnnualLimit),
          share: formatNumber(customs.cbecTaxShare, locale, { style: "percent", maximumFractionDigits: 2 }),
        })}
      </td>
      <td>
        <span className={`badge${ruleSet.status === "IN_FORCE" ? " badge-good" : ""}`}>{t(`admin:customs.status.${ruleSet.status}`)}</span>
      </td>
      <td>{formatNumber(ruleSet.quoteCount, locale)}</td>
      <td>
        {ruleSet.deletable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={ruleSet.id} />
            <button type="submit" className="button small">
              {t("admin:customs.delete")}
            </button>
          </Form>
        ) : (
          <span className="muted">{t(ruleSet.quoteCount > 0 ? "admin:customs.lockedUsed" : "admin:customs.lockedStarted")}</span>
        )}
      </td>
    </tr>
  );
}

const AMOUNT_FIELDS = ["postalParcelLimit", "postalTaxWaiver", "cbecSingleLimit", "cbecAnnualLimit", "cbecTaxShare"] as const;

function AddRuleSetForm({
  latest,
  errors,
  typed,
}: {
  latest: RuleSetRow | null;
  errors: Record<string, string[]>;
  typed: Record<string, string> | null;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const id = "customs-new";
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-errors" role="alert">
        {errors[name].map((error) => t(error)).join(" ")}
      </p>
    ) : null;
  const describedBy = (name: string, hint?: string) =>
    [errors[name] ? `${id}-${name}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  const input = (name: string, fallback: string, options: { type?: string; inputMode?: "decimal" | "text" } = {}) => (
    <div className="field" key={name}>
      <label htmlFor={`${id}-${name}`}>{t(`admin:customs.fields.${name}`)}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type={options.type ?? "text"}
        inputMode={options.inputMode}
        defaultValue={typed?.[name] ?? fallback}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(name)}
      />
      {fieldError(name)}
    </div>
  );
  // Today's values as the starting point: an announcement usually changes one limit.
  const base = latest?.customs;
  const overrides = Object.entries(base?.postalParcelLimitByOrigin ?? {})
    .map(([country, limit]) => `${country}=${limit}`)
    .join("\n");
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">{t("admin:customs.addTitle")}</h2>
      <p className="muted">{t("admin:customs.addIntro")}</p>
      <Form method="post" className="admin-form">
        <input type="hidden" name="intent" value="add" />
        <div className="form-grid">
          {input("effectiveFrom", "", { type: "datetime-local" })}
          {input("source", "")}
          {input("sourceZh", "")}
          {AMOUNT_FIELDS.map((name) => input(name, base?.[name] ?? "", { inputMode: "decimal" }))}
          <div className="field">
            <label htmlFor={`${id}-postalParcelLimitByOrigin`}>{t("admin:customs.fields.postalParcelLimitByOrigin")}</label>
            <textarea
              id={`${id}-postalParcelLimitByOrigin`}
              name="postalParcelLimitByOrigin"
              rows={3}
              defaultValue={typed?.postalParcelLimitByOrigin ?? overrides}
              placeholder="HK=800.00"
              aria-invalid={errors.postalParcelLimitByOrigin ? true : undefined}
              aria-describedby={describedBy("postalParcelLimitByOrigin", `${id}-overrides-hint`)}
            />
            <p id={`${id}-overrides-hint`} className="muted">
              {t("admin:customs.overridesHint")}
            </p>
            {fieldError("postalParcelLimitByOrigin")}
          </div>
        </div>
        <button type="submit" className="button primary small" disabled={navigation.state === "submitting"}>
          {t("admin:customs.add")}
        </button>
      </Form>
    </section>
  );
}
