import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StackedCostBar } from "~/components/cost-breakdown";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { QuoteErrorNotice, QuoteExplanation } from "~/components/line-quote-card";
import { fromFen } from "~/domain/landed-cost/money";
import { checkoutSchema, type CheckoutFields } from "~/domain/orders/checkout-form";
import { getCheckout, lastDeliveryAddress, placeOrder, quoteRegime } from "~/services/checkout.server";
import { requireUser } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "结算 · Checkout" }];

function choices(request: Request) {
  const params = new URL(request.url).searchParams;
  return { lineCode: params.get("line"), insurance: params.get("insurance") === "1" };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const checkout = await getCheckout(user, choices(request));
  if (checkout.blocked === "empty") throw redirect("/cart");
  return json({ checkout, lastAddress: await lastDeliveryAddress(user.id) });
}

const PLACE_ERRORS = {
  quoteNotFound: "orders:errors.quoteNotFound",
  identityRequired: "orders:errors.identityRequired",
  cartEmpty: "orders:errors.cartEmpty",
  cartUnavailable: "orders:errors.cartUnavailable",
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  // The regime comes from the quote as stored, never from the form: it decides whether an ID is required.
  const regime = await quoteRegime(user.id, String(form.get("quoteId") ?? ""));
  const submission = parseWithZod(form, { schema: checkoutSchema(regime, new Date()) });
  if (submission.status !== "success") return json({ result: submission.reply(), requote: null }, { status: 400 });
  const { quoteId, idempotencyKey, intent: _intent, ...rest } = submission.value;
  const { realName, residentId, ...address } = rest;
  const placed = await placeOrder(user, { quoteId, idempotencyKey, address, identity: realName && residentId ? { realName, residentId } : null });
  if (placed.ok) return redirect(`/orders/${placed.orderId}${placed.paid ? "" : "?unpaid=1"}`);
  if (placed.reason === "quoteExpired" || placed.reason === "cartChanged") {
    return json({ result: submission.reply(), requote: { reason: placed.reason, previousTotal: placed.previousTotal, total: placed.quote.total } }, { status: 409 });
  }
  if (placed.reason === "quoteFailed") return json({ result: submission.reply({ formErrors: [`quote:errors.${placed.error.code}`] }), requote: null }, { status: 409 });
  return json({ result: submission.reply({ formErrors: [PLACE_ERRORS[placed.reason]] }), requote: null }, { status: 400 });
}

export default function CheckoutPage() {
  const { checkout, lastAddress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const locale = i18n.language;
  const locked = checkout.locked;
  const regime = locked?.regime ?? "POSTAL";
  const [form, fields] = useForm<CheckoutFields>({
    id: `checkout-${regime}`,
    lastResult: actionData?.result,
    defaultValue: lastAddress ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkoutSchema(regime, new Date()) }),
    shouldValidate: "onBlur",
  });
  const focus = firstFieldWithErrors([fields.province, fields.city, fields.district, fields.street, fields.recipientName, fields.mobile, fields.postalCode, fields.realName, fields.residentId]);
  const cny = (amount: string) => formatMoney(amount, "CNY", locale);
  const enough = locked ? checkout.balanceFen >= locked.totalFen : false;
  const text = (field: { name: string }, type: "text" | "tel" = "text") => ({ ...getInputProps(field as Parameters<typeof getInputProps>[0], { type }), autoFocus: focus === field.name });

  return (
    <section className="page narrow" aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t("orders:checkout.title")}</h1>
      {checkout.blocked === "unavailable" ? (
        <p className="notice error" role="alert">
          {t("orders:errors.cartUnavailable")} <Link to="/cart">{t("orders:cart.open")}</Link>
        </p>
      ) : null}

      <h2>{t("orders:checkout.line")}</h2>
      <Form method="get" className="line-chooser" onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}>
        <fieldset>
          <legend className="visually-hidden">{t("orders:checkout.line")}</legend>
          {checkout.lines.map((line) => (
            <label key={line.code} className={line.total ? "line-option" : "line-option unavailable"}>
              <input type="radio" name="line" value={line.code} defaultChecked={line.code === checkout.selectedLine} disabled={!line.total} />
              <span className="line-option-name">{locale === "en" ? line.nameEn : line.nameZh}</span>
              <span className="muted"> · {t(`quote:regimes.${line.customsRegime}.name`)} · {t("orders:checkout.eta", { min: line.etaDaysMin, max: line.etaDaysMax })}</span>
              <strong className="line-option-total">{line.total ? cny(line.total) : t(`quote:errors.${line.error?.code ?? "INVALID_INPUT"}`, { defaultValue: line.error?.message ?? "" })}</strong>
              {line.cheapest ? <span className="badge badge-good">{t("orders:checkout.cheapest")}</span> : null}
              {line.fastest ? <span className="badge">{t("orders:checkout.fastest")}</span> : null}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" name="insurance" value="1" defaultChecked={checkout.insurance} /> {t("orders:checkout.insurance")}
        </label>
        <noscript>
          <button type="submit" className="button small">
            {t("orders:checkout.update")}
          </button>
        </noscript>
      </Form>

      {checkout.lockError ? <QuoteErrorNotice error={checkout.lockError} /> : null}
      {locked ? (
        <div className="locked-quote" data-testid="locked-quote">
          <p className="landed-price">
            {t("orders:checkout.total")}: <strong data-testid="checkout-total">{cny(locked.total)}</strong>
          </p>
          <StackedCostBar lines={locked.result.lines} total={locked.total} />
          <QuoteExplanation quote={locked.result} divisor={null} />
          <p className={enough ? "muted" : "notice warning"}>
            {t("orders:checkout.balance", { balance: cny(fromFen(checkout.balanceFen)) })} {enough ? null : <Link to="/wallet">{t("orders:checkout.topUp")}</Link>}
          </p>
        </div>
      ) : null}

      {actionData?.requote ? (
        <div className="notice warning" role="alert">
          <p>
            {t(actionData.requote.reason === "quoteExpired" ? "orders:checkout.expired" : "orders:checkout.cartChanged", {
              before: cny(actionData.requote.previousTotal),
              total: cny(actionData.requote.total),
            })}
          </p>
        </div>
      ) : null}

      {locked ? (
        <Form method="post" action={`/checkout${location.search}`} {...getFormProps(form)}>
          <FormErrors id={`${form.id}-errors`} errors={form.errors} />
          <input type="hidden" name="intent" value="place" />
          <input type="hidden" name="quoteId" value={locked.id} />
          {/* The quote is the checkout: a second tab or a retried request on it finds the same order. */}
          <input type="hidden" name="idempotencyKey" value={locked.id} />
          <fieldset>
            <legend>{t("orders:checkout.address")}</legend>
            <Field label={t("orders:address.province")} inputProps={{ ...text(fields.province), autoComplete: "address-level1" }} errors={fields.province.errors} />
            <Field label={t("orders:address.city")} inputProps={{ ...text(fields.city), autoComplete: "address-level2" }} errors={fields.city.errors} />
            <Field label={t("orders:address.district")} inputProps={{ ...text(fields.district), autoComplete: "address-level3" }} errors={fields.district.errors} />
            <Field label={t("orders:address.street")} inputProps={{ ...text(fields.street), autoComplete: "street-address" }} errors={fields.street.errors} />
            <Field label={t("orders:address.recipientName")} inputProps={{ ...text(fields.recipientName), autoComplete: "name" }} errors={fields.recipientName.errors} />
            <Field label={t("orders:address.mobile")} inputProps={{ ...text(fields.mobile, "tel"), autoComplete: "tel-national", inputMode: "tel" }} errors={fields.mobile.errors} />
            <Field label={t("orders:address.postalCode")} inputProps={{ ...text(fields.postalCode), autoComplete: "postal-code", inputMode: "numeric" }} errors={fields.postalCode.errors} />
          </fieldset>
          {regime === "CBEC" ? (
            <fieldset>
              <legend>{t("orders:checkout.identity")}</legend>
              <p className="muted">{t("orders:checkout.identityWhy")}</p>
              <Field label={t("orders:identity.realName")} inputProps={{ ...text(fields.realName), autoComplete: "off" }} errors={fields.realName.errors} />
              <Field label={t("orders:identity.residentId")} inputProps={{ ...text(fields.residentId), autoComplete: "off", spellCheck: false }} errors={fields.residentId.errors} />
            </fieldset>
          ) : null}
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t(enough ? "orders:checkout.placeAndPay" : "orders:checkout.place", { total: cny(locked.total) })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
