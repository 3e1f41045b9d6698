import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pricingActionSchema, shippingLineSchema } from "~/domain/pricing/schemas";
import { saveShippingLine, updateFeeSchedule, updateTaxCategory } from "~/services/pricing-admin.server";
import { listShippingLines, listTaxCategories, loadFees } from "~/services/pricing-context.server";
import { requireRole } from "~/utils/auth.server";
import { readForm } from "~/utils/request-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const [fees, lines, taxes] = await Promise.all([loadFees(), listShippingLines(), listTaxCategories()]);
  return json({ fees, lines, taxes });
}

type ActionResult = { formKey: string; ok: boolean; errors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const raw = Object.fromEntries(await readForm(request));
  const formKey = `${raw.intent}:${raw.code ?? ""}`;
  // The line form is refined (eta order), so it is checked with its full schema.
  const parsed = raw.intent === "line" ? shippingLineSchema.safeParse(raw) : pricingActionSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return json<ActionResult>({ formKey, ok: false, errors }, { status: 400 });
  }
  const value = parsed.data;
  if (value.intent === "fees") await updateFeeSchedule(admin, value);
  if (value.intent === "line") await saveShippingLine(admin, value);
  if (value.intent === "tax") {
    const outcome = await updateTaxCategory(admin, value);
    if (!outcome.ok) return json<ActionResult>({ formKey, ok: false, errors: { code: ["admin:errors.notFound"] } }, { status: 404 });
  }
  return json<ActionResult>({ formKey, ok: true, errors: {} });
}

function useFormState(formKey: string) {
  const result = useActionData<typeof action>();
  const mine = result?.formKey === formKey ? result : undefined;
  return { errors: mine?.errors ?? {}, saved: mine?.ok ?? false };
}

function Input({
  name,
  label,
  defaultValue,
  errors,
  type = "text",
  id,
}: {
  name: string;
  label: string;
  defaultValue: string | number | null;
  errors: Record<string, string[]>;
  type?: string;
  id: string;
}) {
  const { t } = useTranslation();
  const fieldErrors = errors[name];
  const inputId = `${id}-${name}`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        type={type}
        inputMode={type === "text" ? "decimal" : undefined}
        defaultValue={defaultValue ?? ""}
        aria-invalid={fieldErrors ? true : undefined}
        aria-describedby={fieldErrors ? `${inputId}-error` : undefined}
      />
      {fieldErrors ? (
        <p id={`${inputId}-error`} className="field-errors" role="alert">
          {fieldErrors.map((error) => t(error)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function SavedNotice({ saved }: { saved: boolean }) {
  const { t } = useTranslation();
  return saved ? (
    <p role="status" className="notice success">
      {t("admin:pricing.saved")}
    </p>
  ) : null;
}

function EditForm({ intent, code, children }: { intent: string; code?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <Form method="post" className="admin-form">
      <input type="hidden" name="intent" value={intent} />
      {code ? <input type="hidden" name="code" value={code} /> : null}
      <div className="form-grid">{children}</div>
      <button type="submit" className="button primary small" disabled={navigation.state === "submitting"}>
        {t("admin:pricing.save")}
      </button>
    </Form>
  );
}

export default function AdminPricing() {
  const { fees, lines, taxes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const feeState = useFormState("fees:");
  return (
    <div className="page">
      <h1>{t("admin:pricing.title")}</h1>
      <p className="muted">{t("admin:pricing.intro")}</p>

      <section aria-labelledby="fees-title">
        <h2 id="fees-title">{t("admin:pricing.fees")}</h2>
        <SavedNotice saved={feeState.saved} />
        <EditForm intent="fees">
          {(["fxSpread", "serviceFeeRate", "serviceFeeMinimum", "insuranceRate", "ratesMaxAgeHours", "quoteValidityMinutes"] as const).map(
            (name) => (
              <Input
                key={name}
                id="fees"
                name={name}
                label={t(`admin:pricing.feeFields.${name}`)}
                defaultValue={fees?.[name] ?? ""}
                errors={feeState.errors}
              />
            ),
          )}
        </EditForm>
      </section>

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t("admin:pricing.lines")}</h2>
        {lines.map((line) => (
          <LineEditor key={line.code} line={line} title={i18n.language === "en" ? line.nameEn : line.nameZh} />
        ))}
        <details className="editor">
          <summary>{t("admin:pricing.addLine")}</summary>
          <LineEditor line={null} title={t("admin:pricing.addLine")} />
        </details>
      </section>

      <section aria-labelledby="tax-title">
        <h2 id="tax-title">{t("admin:pricing.taxes")}</h2>
        {taxes.map((tax) => (
          <TaxEditor key={tax.code} tax={tax} title={`${i18n.language === "en" ? tax.nameEn : tax.nameZh} (${tax.code})`} />
        ))}
      </section>
    </div>
  );
}

type LineRow = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];

function LineEditor({ line, title }: { line: LineRow | null; title: string }) {
  const { t } = useTranslation();
  const state = useFormState(`line:${line?.code ?? ""}`);
  const id = `line-${line?.code ?? "new"}`;
  const numberFields = [
    "firstWeightGrams",
    "firstWeightPrice",
    "additionalWeightGrams",
    "additionalWeightPrice",
    "volumetricDivisor",
    "handlingFee",
    "removeBoxesFee",
    "extraProtectionFee",
    "freeStorageDays",
    "etaDaysMin",
    "etaDaysMax",
  ] as const;
  const body = (
    <>
      <SavedNotice saved={state.saved} />
      <EditForm intent="line" code={line?.code}>
        {line ? null : <Input id={id} name="code" label={t("admin:pricing.lineFields.code")} defaultValue="" errors={state.errors} />}
        <Input id={id} name="nameZh" label={t("admin:pricing.lineFields.nameZh")} defaultValue={line?.nameZh ?? ""} errors={state.errors} />
        <Input id={id} name="nameEn" label={t("admin:pricing.lineFields.nameEn")} defaultValue={line?.nameEn ?? ""} errors={state.errors} />
        <Input
          id={id}
          name="originCountry"
          label={t("admin:pricing.lineFields.originCountry")}
          defaultValue={line?.originCountry ?? ""}
          errors={state.errors}
        />
        <div className="field">
          <label htmlFor={`${id}-regime`}>{t("admin:pricing.lineFields.customsRegime")}</label>
          <select id={`${id}-regime`} name="customsRegime" defaultValue={line?.customsRegime ?? "POSTAL"}>
            <option value="POSTAL">{t("quote:regimes.POSTAL.name")}</option>
            <option value="CBEC">{t("quote:regimes.CBEC.name")}</option>
          </select>
        </div>
        {numberFields.map((name) => (
          <Input
            key={name}
            id={id}
            name={name}
            label={t(`admin:pricing.lineFields.${name}`)}
            defaultValue={line?.[name] ?? ""}
            errors={state.errors}
          />
        ))}
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="active" defaultChecked={line?.active ?? true} /> {t("admin:pricing.lineFields.active")}
          </label>
        </div>
      </EditForm>
    </>
  );
  if (!line) return body;
  return (
    <details className="editor" open={Object.keys(state.errors).length > 0 || state.saved}>
      <summary>
        {title}{" "}
        <span className="muted">
          ({line.code}
          {line.active ? "" : `, ${t("admin:pricing.inactive")}`})
        </span>
      </summary>
      {body}
    </details>
  );
}

type TaxRow = ReturnType<typeof useLoaderData<typeof loader>>["taxes"][number];

function TaxEditor({ tax, title }: { tax: TaxRow; title: string }) {
  const { t } = useTranslation();
  const state = useFormState(`tax:${tax.code}`);
  const id = `tax-${tax.code}`;
  return (
    <details className="editor" open={Object.keys(state.errors).length > 0 || state.saved}>
      <summary>
        {title}{" "}
        <span className="muted">
          {t("admin:pricing.taxSummary", {
            postal: tax.postalRate,
            vat: tax.cbecVat,
            consumption: tax.cbecConsumption,
            tariff: tax.mfnTariff,
          })}
        </span>
      </summary>
      <SavedNotice saved={state.saved} />
      <EditForm intent="tax" code={tax.code}>
        {(["postalRate", "cbecVat", "cbecConsumption", "mfnTariff"] as const).map((name) => (
          <Input
            key={name}
            id={id}
            name={name}
            label={t(`admin:pricing.taxFields.${name}`)}
            defaultValue={tax[name]}
            errors={state.errors}
          />
        ))}
      </EditForm>
    </details>
  );
}
