import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form-field";
import { ReturnList } from "~/components/return-list";
import { returnPolicyFormSchema } from "~/domain/returns/policy-form";
import { getReturnPolicy, updateReturnPolicy } from "~/services/return-policy.server";
import { listReturns } from "~/services/returns.server";
import { requireRole } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const [policy, disputes] = await Promise.all([getReturnPolicy(), listReturns(admin, { disputesOnly: true })]);
  return json({ policy, disputes });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const submission = parseWithZod(await request.formData(), { schema: returnPolicyFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), saved: false }, { status: 400 });
  const { returnAddress, ...config } = submission.value;
  await updateReturnPolicy(admin, { ...config, restockingRate: config.restockingRate.trim() }, returnAddress);
  return json({ result: submission.reply(), saved: true });
}

export default function AdminReturnsPage() {
  const { policy, disputes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "return-policy",
    lastResult: actionData?.result,
    defaultValue: { ...policy, excludedCategories: policy.excludedCategories.join(", "), shopperFaultDays: String(policy.shopperFaultDays), platformFaultDays: String(policy.platformFaultDays), cbecTaxReturnDays: String(policy.cbecTaxReturnDays) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: returnPolicyFormSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section aria-labelledby="admin-returns-title">
      <h2 id="admin-returns-title">{t("returns:admin.title")}</h2>
      <h3>{t("returns:admin.disputes")}</h3>
      {disputes.length === 0 ? <p className="empty">{t("returns:admin.noDisputes")}</p> : <ReturnList returns={disputes} showShopper />}
      <p>
        <Link to="/agent/returns">{t("returns:admin.allReturns")}</Link>
      </p>
      <h3>{t("returns:admin.policy")}</h3>
      {actionData?.saved ? (
        <p className="notice success" role="status">
          {t("returns:admin.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={`${form.id}-errors`} errors={form.errors} />
        <Field label={t("returns:admin.shopperFaultDays")} inputProps={{ ...getInputProps(fields.shopperFaultDays, { type: "number" }), min: 0, max: 365 }} errors={fields.shopperFaultDays.errors} />
        <Field label={t("returns:admin.platformFaultDays")} inputProps={{ ...getInputProps(fields.platformFaultDays, { type: "number" }), min: 0, max: 365 }} errors={fields.platformFaultDays.errors} />
        <Field label={t("returns:admin.cbecTaxReturnDays")} inputProps={{ ...getInputProps(fields.cbecTaxReturnDays, { type: "number" }), min: 0, max: 365 }} errors={fields.cbecTaxReturnDays.errors} />
        <Field label={t("returns:admin.restockingRate")} hint={t("returns:admin.restockingHint")} inputProps={{ ...getInputProps(fields.restockingRate, { type: "text" }), inputMode: "decimal" }} errors={fields.restockingRate.errors} />
        <Field label={t("returns:admin.excludedCategories")} inputProps={getInputProps(fields.excludedCategories, { type: "text" })} errors={fields.excludedCategories.errors} />
        <Field label={t("returns:admin.returnAddress")} inputProps={getInputProps(fields.returnAddress, { type: "text" })} errors={fields.returnAddress.errors} />
        <button type="submit" className="button primary">
          {t("returns:admin.save")}
        </button>
      </Form>
    </section>
  );
}
