import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { ReturnList } from "~/components/return-list";
import { ADDRESS_MAX_CHARS, parseReturnAddressForm } from "~/domain/returns";
import { returnPolicyFormSchema } from "~/domain/returns/policy-form";
import { legacyReturnAddress, listReturnAddresses, updateReturnAddresses } from "~/services/return-addresses.server";
import { getReturnPolicy, updateReturnPolicy } from "~/services/return-policy.server";
import { listReturns } from "~/services/returns.server";
import { requireRole } from "~/utils/auth.server";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { readForm } from "~/utils/request-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const [policy, disputes, addresses, legacyAddress] = await Promise.all([
    getReturnPolicy(),
    listReturns(admin, { disputesOnly: true }),
    listReturnAddresses(),
    legacyReturnAddress(),
  ]);
  return json({ policy, disputes, addresses, legacyAddress });
}

type AddressResult = {
  intent: "addresses";
  saved: boolean;
  changed: number;
  errors: Record<string, string[]>;
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  if (form.get("intent") === "addresses") {
    const values = Object.fromEntries(
      [...form.entries()].flatMap(([key, value]) =>
        key.startsWith("address-") && typeof value === "string" ? [[key.slice("address-".length), value]] : [],
      ),
    );
    const reply = (status: number, result: Omit<AddressResult, "intent" | "values">) =>
      json<AddressResult>({ intent: "addresses", values, ...result }, { status });
    const parsed = parseReturnAddressForm(form.entries());
    if (!parsed.ok) return reply(400, { saved: false, changed: 0, errors: parsed.errors });
    const saved = await updateReturnAddresses(admin, parsed.rows);
    if (saved.ok) return reply(200, { saved: true, changed: saved.changed.length, errors: {} });
    const message = saved.reason === "conflict" ? "returns:errors.addressConflict" : "returns:errors.addressUnknownCountry";
    return reply(saved.reason === "conflict" ? 409 : 400, {
      saved: false,
      changed: 0,
      errors: Object.fromEntries(saved.countries.map((country) => [country, [message]])),
    });
  }
  const submission = parseWithZod(form, { schema: returnPolicyFormSchema });
  if (submission.status !== "success")
    return json({ intent: "policy" as const, result: submission.reply(), saved: false }, { status: 400 });
  const { platformContact, ...config } = submission.value;
  await updateReturnPolicy(admin, { ...config, restockingRate: config.restockingRate.trim() }, platformContact);
  return json({ intent: "policy" as const, result: submission.reply(), saved: true });
}

function ReturnAddressesForm({
  addresses,
  result,
}: {
  addresses: { country: string; address: string; seen: string }[];
  result?: AddressResult;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="return-addresses" aria-labelledby="return-addresses-title">
      <input type="hidden" name="intent" value="addresses" />
      {result?.saved ? (
        <p className="notice success" role="status">
          {t(result.changed > 0 ? "returns:admin.addressesSaved" : "returns:admin.addressesUnchanged")}
        </p>
      ) : null}
      {result?.errors.form ? <FormErrors id="return-addresses-errors" errors={result.errors.form} /> : null}
      {addresses.map((row) => {
        const id = `address-${row.country}`;
        const errors = result?.errors[row.country];
        return (
          <div className="field" key={row.country}>
            <label htmlFor={id}>
              {t("returns:admin.addressFor", {
                country: t(`common:countries.${row.country}`, { defaultValue: row.country }),
                code: row.country,
              })}
            </label>
            <input type="hidden" name={`seen-${row.country}`} value={row.seen} />
            <textarea
              id={id}
              name={id}
              rows={3}
              maxLength={ADDRESS_MAX_CHARS + 100}
              defaultValue={result && !result.saved ? (result.values[row.country] ?? row.address) : row.address}
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? `${id}-error` : undefined}
            />
            {errors?.length ? (
              <ul id={`${id}-error`} className="field-errors" role="alert">
                {errors.map((error) => (
                  <li key={error}>{t(error)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className="button primary" disabled={busy}>
        {t("returns:admin.addressesSave")}
      </button>
    </Form>
  );
}

export default function AdminReturnsPage() {
  const { policy, disputes, addresses, legacyAddress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const policyResult = actionData?.intent === "policy" ? actionData : undefined;
  const addressResult = actionData?.intent === "addresses" ? (actionData as AddressResult) : undefined;
  const [form, fields] = useForm({
    id: "return-policy",
    lastResult: policyResult?.result,
    defaultValue: {
      ...policy,
      excludedCategories: policy.excludedCategories.join(", "),
      shopperFaultDays: String(policy.shopperFaultDays),
      platformFaultDays: String(policy.platformFaultDays),
      cbecTaxReturnDays: String(policy.cbecTaxReturnDays),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: returnPolicyFormSchema }),
    ...FIELD_VALIDATION,
  });
  return (
    <section aria-labelledby="admin-returns-title">
      <h2 id="admin-returns-title">{t("returns:admin.title")}</h2>
      <h3>{t("returns:admin.disputes")}</h3>
      {disputes.length === 0 ? <p className="empty">{t("returns:admin.noDisputes")}</p> : <ReturnList returns={disputes} showShopper />}
      <p>
        <Link to="/agent/returns">{t("returns:admin.allReturns")}</Link>
      </p>
      <h3 id="return-addresses-title">{t("returns:admin.addresses")}</h3>
      <p className="muted">{t("returns:admin.addressesHint")}</p>
      {legacyAddress ? (
        <p className="notice warning" data-testid="legacy-address">
          {t("returns:admin.legacyAddress", { address: legacyAddress })}
        </p>
      ) : null}
      <ReturnAddressesForm addresses={addresses} result={addressResult} />
      <h3>{t("returns:admin.policy")}</h3>
      {policyResult?.saved ? (
        <p className="notice success" role="status">
          {t("returns:admin.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="policy" />
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field
          label={t("returns:admin.shopperFaultDays")}
          inputProps={{ ...getInputProps(fields.shopperFaultDays, { type: "number" }), min: 0, max: 365 }}
          errors={fields.shopperFaultDays.errors}
        />
        <Field
          label={t("returns:admin.platformFaultDays")}
          inputProps={{ ...getInputProps(fields.platformFaultDays, { type: "number" }), min: 0, max: 365 }}
          errors={fields.platformFaultDays.errors}
        />
        <Field
          label={t("returns:admin.cbecTaxReturnDays")}
          inputProps={{ ...getInputProps(fields.cbecTaxReturnDays, { type: "number" }), min: 0, max: 365 }}
          errors={fields.cbecTaxReturnDays.errors}
        />
        <Field
          label={t("returns:admin.restockingRate")}
          hint={t("returns:admin.restockingHint")}
          inputProps={{ ...getInputProps(fields.restockingRate, { type: "text" }), inputMode: "decimal" }}
          errors={fields.restockingRate.errors}
        />
        <Field
          label={t("returns:admin.excludedCategories")}
          inputProps={getInputProps(fields.excludedCategories, { type: "text" })}
          errors={fields.excludedCategories.errors}
        />
        <Field
          label={t("returns:admin.platformContact")}
          hint={t("returns:admin.platformContactHint")}
          inputProps={getInputProps(fields.platformContact, { type: "text" })}
          errors={fields.platformContact.errors}
        />
        <button type="submit" className="button primary">
          {t("returns:admin.save")}
        </button>
      </Form>
    </section>
  );
}
