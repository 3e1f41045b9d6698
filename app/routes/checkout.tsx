import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/utils/parse-form";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExpectedArrival } from "~/components/expected-arrival";
import { StackedCostBar } from "~/components/cost-breakdown";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, firstFieldWithErrors } from "~/components/form-field";
import { QuoteErrorNotice, QuoteExplanation } from "~/components/line-quote-card";
import { fromFen } from "~/domain/landed-cost/money";
import { checkoutChoiceSchema, checkoutSchema, type CheckoutFields, type CheckoutValue } from "~/domain/orders/checkout-form";
import {
  checkoutForChoice,
  getCheckout,
  lastDeliveryAddress,
  placeOrder,
  shippingLineRegime,
  type PlaceOutcome,
  type Requote,
} from "~/services/checkout.server";
import { requireUser } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { FIELD_VALIDATION } from "~/utils/form-validation";
import { GuaranteeLink } from "~/components/guarantee-link";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "checkout") }];

/**
 * `?line=…&insurance=1&removeBoxes=1&extraProtection=1` is a choice made on this page; without a line
 * the page preselects (the shopper's earlier pick, else the cheapest line).
 */
function choices(request: Request) {
  const params = new URL(request.url).searchParams;
  const lineCode = params.get("line");
  const packing = { removeBoxes: params.get("removeBoxes") === "1", extraProtection: params.get("extraProtection") === "1" };
  if (lineCode) return { lineCode, insurance: params.get("insurance") === "1", packing };
  return params.has("insurance") ? { insurance: params.get("insurance") === "1", packing } : {};
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const checkout = await getCheckout(user, choices(request));
  if (checkout.blocked === "empty") throw redirect("/cart");
  return json({ checkout, lastAddress: await lastDeliveryAddress(user.id) });
}

const PLACE_ERRORS: Record<
  Exclude<Extract<PlaceOutcome, { ok: false }>["reason"], "lineUnknown" | "quoteFailed" | Requote["reason"]>,
  string
> = {
  quoteNotFound: "orders:errors.quoteNotFound",
  identityRequired: "orders:errors.identityRequired",
  cartEmpty: "orders:errors.cartEmpty",
  cartUnavailable: "orders:errors.cartUnavailable",
};

const LINE_UNKNOWN = ["orders:errors.lineUnknown"];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const now = new Date();
  const choice = parseWithZod(form, { schema: checkoutChoiceSchema });
  if (choice.status !== "success") return json({ result: choice.reply(), requote: null, checkout: null }, { status: 400 });
  const { intent, quoteId, idempotencyKey, line, insurance, removeBoxes, extraProtection } = choice.value;
  const packing = { removeBoxes, extraProtection };
  // The line the shopper sees selected decides whether an ID is asked for, never a field of the form.
  const regime = await shippingLineRegime(line);
  if (!regime)
    return json({ result: choice.reply({ fieldErrors: { line: LINE_UNKNOWN } }), requote: null, checkout: null }, { status: 400 });
  const shown = { quoteId, lineCode: line, insurance, packing };
  // Without JavaScript, 更新报价 posts the whole form: every value typed so far comes back, nothing is checked or placed.
  if (intent === "quote") return json({ result: choice.reply(), ...(await checkoutForChoice(user, shown, now)) });

  const submission = parseWithZod(form, { schema: checkoutSchema(regime, now) });
  if (submission.status !== "success")
    return json({ result: submission.reply(), ...(await checkoutForChoice(user, shown, now)) }, { status: 400 });
  const {
    intent: _intent,
    quoteId: _quoteId,
    idempotencyKey: _key,
    line: _line,
    insurance: _insurance,
    removeBoxes: _removeBoxes,
    extraProtection: _extraProtection,
    realName,
    residentId,
    ...address
  } = submission.value;
  const identity = realName && residentId ? { realName, residentId } : null;
  const placed = await placeOrder(
    user,
    { quoteId, idempotencyKey, address, identity, choice: { lineCode: line, insurance, packing } },
    now,
  );
  if (placed.ok) return redirect(`/orders/${placed.orderId}${placed.paid ? "" : "?unpaid=1"}`);
  if (placed.reason === "lineUnknown")
    return json({ result: submission.reply({ fieldErrors: { line: LINE_UNKNOWN } }), requote: null, checkout: null }, { status: 400 });
  const view = await checkoutForChoice(user, shown, now);
  if (placed.reason === "quoteFailed")
    return json({ result: submission.reply({ fieldErrors: { line: [`quote:errors.${placed.error.code}`] } }), ...view }, { status: 409 });
  if (
    placed.reason === "lineChanged" ||
    placed.reason === "insuranceChanged" ||
    placed.reason === "packingChanged" ||
    placed.reason === "quoteExpired" ||
    placed.reason === "cartChanged"
  ) {
    // Nothing was placed: the page now shows the quote for what is selected, old and new totals side by side.
    const requote = view.requote ?? {
      reason: placed.reason,
      previousTotal: placed.previousTotal,
      total: view.checkout.locked?.total ?? placed.quote.total,
    };
    return json({ result: submission.reply(), checkout: view.checkout, requote }, { status: 409 });
  }
  return json({ result: submission.reply({ formErrors: [PLACE_ERRORS[placed.reason]] }), ...view }, { status: 400 });
}

const REQUOTE_MESSAGES = {
  lineChanged: "orders:checkout.lineChanged",
  insuranceChanged: "orders:checkout.insuranceChanged",
  packingChanged: "orders:checkout.packingChanged",
  quoteExpired: "orders:checkout.expired",
  cartChanged: "orders:checkout.cartChanged",
} as const;

export default function CheckoutPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // After a post the page shows what the server made of the form's choice; the loader only knows the URL.
  const checkout = actionData?.checkout ?? loaded.checkout;
  const { lastAddress } = loaded;
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const locale = i18n.language;
  const locked = checkout.locked;
  const regime = locked?.regime ?? "POSTAL";
  const [form, fields] = useForm<CheckoutFields, CheckoutValue>({
    id: "checkout",
    lastResult: actionData?.result,
    defaultValue: lastAddress ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkoutSchema(regime, new Date()) }),
    ...FIELD_VALIDATION,
  });
  const focus = firstFieldWithErrors([
    fields.province,
    fields.city,
    fields.district,
    fields.street,
    fields.recipientName,
    fields.mobile,
    fields.postalCode,
    fields.realName,
    fields.residentId,
  ]);
  const cny = (amount: string) => formatMoney(amount, "CNY", locale);
  const enough = locked ? checkout.balanceFen >= locked.totalFen : false;
  const text = (field: { name: string }, type: "text" | "tel" = "text") => ({
    ...getInputProps(field as Parameters<typeof getInputProps>[0], { type }),
    autoFocus: focus === field.name,
  });

  // The radios and the box show the shopper's pick at once, and the server's answer once it comes
  // (the same pick, unless that line could not carry the cart): what is shown is what is posted.
  const [shown, setShown] = useState({ line: checkout.selectedLine, insurance: checkout.insurance, ...checkout.packing });
  useEffect(
    () => setShown({ line: checkout.selectedLine, insurance: checkout.insurance, ...checkout.packing }),
    [checkout.locked?.id, checkout.selectedLine, checkout.insurance, checkout.packing],
  );
  const selected = checkout.lines.find((line) => line.code === checkout.selectedLine) ?? null;
  const lineErrors = fields.line.errors;
  const lineErrorId = `${form.id}-line-error`;

  const requote = (next: typeof shown) => {
    setShown(next);
    const params = new URLSearchParams({ line: next.line ?? "" });
    if (next.insurance) params.set("insurance", "1");
    if (next.removeBoxes) params.set("removeBoxes", "1");
    if (next.extraProtection) params.set("extraProtection", "1");
    submit(params, { method: "get", action: "/checkout", replace: true, preventScrollReset: true });
  };

  const chooser = (
    <div className="line-chooser">
      <h2>{t("orders:checkout.line")}</h2>
      <fieldset aria-describedby={lineErrors?.length ? lineErrorId : undefined}>
        <legend className="visually-hidden">{t("orders:checkout.line")}</legend>
        {checkout.lines.map((line) => (
          <label key={line.code} className={line.total ? "line-option" : "line-option unavailable"}>
            <input
              type="radio"
              name="line"
              value={line.code}
              checked={line.code === shown.line}
              onChange={() => requote({ ...shown, line: line.code })}
              disabled={!line.total}
            />
            <span className="line-option-name">{locale === "en" ? line.nameEn : line.nameZh}</span>
            <span className="muted">
              {" "}
              · {t(`quote:regimes.${line.customsRegime}.name`)} ·{" "}
              {line.expectedAt ? (
                <ExpectedArrival
                  arrival={{ deliveredAt: line.expectedAt, delivered: false }}
                  etaDays={{ min: line.etaDaysMin, max: line.etaDaysMax }}
                  testId={`line-arrival-${line.code}`}
                />
              ) : (
                t("orders:checkout.eta", { min: line.etaDaysMin, max: line.etaDaysMax })
              )}
            </span>
            <strong className="line-option-total">
              {line.total
                ? cny(line.total)
                : t(`quote:errors.${line.error?.code ?? "INVALID_INPUT"}`, { defaultValue: line.error?.message ?? "" })}
            </strong>
            {line.cheapest ? <span className="badge badge-good">{t("orders:checkout.cheapest")}</span> : null}
            {line.fastest ? <span className="badge">{t("orders:checkout.fastest")}</span> : null}
          </label>
        ))}
      </fieldset>
      {lineErrors?.length ? (
        <ul id={lineErrorId} className="field-errors" role="alert">
          {lineErrors.map((error) => (
            <li key={error}>{t(error)}</li>
          ))}
        </ul>
      ) : checkout.unavailableChoice ? (
        <p className="notice warning" role="alert">
          {t("orders:checkout.unavailableChoice")}
        </p>
      ) : checkout.selection && checkout.selection !== "chosen" ? (
        <p className="muted" data-testid="line-selection">
          {t(`orders:checkout.selection.${checkout.selection}`)}
        </p>
      ) : null}
      <label className="checkbox">
        <input
          type="checkbox"
          name="insurance"
          value="1"
          checked={shown.insurance}
          onChange={(event) => requote({ ...shown, insurance: event.currentTarget.checked })}
        />{" "}
        {t("orders:checkout.insurance")}
      </label>
      <fieldset className="packing-options" data-testid="packing-options">
        <legend>{t("orders:packing.title")}</legend>
        <p className="muted">{t("orders:packing.keepBoxes")}</p>
        {(["removeBoxes", "extraProtection"] as const).map((option) => (
          <label key={option} className="checkbox">
            <input
              type="checkbox"
              name={option}
              value="1"
              checked={shown[option]}
              onChange={(event) => requote({ ...shown, [option]: event.currentTarget.checked })}
            />{" "}
            {t(`orders:packing.${option}`, { fee: cny(selected?.[`${option}Fee`] ?? "0.00") })}
          </label>
        ))}
      </fieldset>
      {selected ? (
        <p className="muted" data-testid="storage-terms">
          {t("orders:storage.terms", { days: selected.freeStorageDays })}
        </p>
      ) : null}
      {/* Without JavaScript the choice is priced by a submit; placing the order prices it too, and asks to confirm a new total. */}
      <noscript>
        {locked ? (
          <button type="submit" name="intent" value="quote" formNoValidate className="button small">
            {t("orders:checkout.update")}
          </button>
        ) : (
          <button type="submit" className="button small">
            {t("orders:checkout.update")}
          </button>
        )}
      </noscript>
    </div>
  );

  return (
    <section className="page narrow" aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t("orders:checkout.title")}</h1>
      {checkout.blocked === "unavailable" ? (
        <p className="notice error" role="alert">
          {t("orders:errors.cartUnavailable")} <Link to="/cart">{t("orders:cart.open")}</Link>
        </p>
      ) : null}

      {locked ? null : (
        <Form method="get" action="/checkout">
          {chooser}
        </Form>
      )}
      {checkout.lockError ? <QuoteErrorNotice error={checkout.lockError} /> : null}

      {locked ? (
        // The line radios and the insurance box are part of the place-order form: what is posted is what is seen.
        <Form method="post" action="/checkout" {...getFormProps(form)}>
          <FormErrors id={`${form.id}-errors`} errors={form.errors} />
          {chooser}

          {actionData?.requote ? (
            <div className="notice warning" role="alert" data-testid="checkout-requote">
              <p>
                {t(REQUOTE_MESSAGES[actionData.requote.reason], {
                  before: cny(actionData.requote.previousTotal),
                  total: cny(actionData.requote.total),
                })}
              </p>
            </div>
          ) : null}

          <div className="locked-quote" data-testid="locked-quote">
            <p className="landed-price">
              {t("orders:checkout.total")}: <strong data-testid="checkout-total">{cny(locked.total)}</strong>
            </p>
            {selected ? (
              <p data-testid="checkout-line">
                {t("orders:checkout.chosenLine", {
                  line: locale === "en" ? selected.nameEn : selected.nameZh,
                  regime: t(`quote:regimes.${selected.customsRegime}.name`),
                  min: selected.etaDaysMin,
                  max: selected.etaDaysMax,
                })}
              </p>
            ) : null}
            {selected?.expectedAt ? (
              <>
                <p>
                  <ExpectedArrival
                    arrival={{ deliveredAt: selected.expectedAt, delivered: false }}
                    etaDays={{ min: selected.etaDaysMin, max: selected.etaDaysMax }}
                    testId="checkout-arrival"
                  />
                </p>
                <p className="muted">
                  <small>{t("orders:arrival.howCheckout")}</small>
                </p>
              </>
            ) : null}
            <StackedCostBar lines={locked.result.lines} total={locked.total} />
            <QuoteExplanation quote={locked.result} divisor={null} />
            <p className={enough ? "muted" : "notice warning"}>
              {t("orders:checkout.balance", { balance: cny(fromFen(checkout.balanceFen)) })}{" "}
              {enough ? null : <Link to="/wallet">{t("orders:checkout.topUp")}</Link>}
            </p>
            <p>
              <GuaranteeLink />
            </p>
          </div>

          <input type="hidden" name="quoteId" value={locked.id} />
          {/* The quote is the checkout: a second tab or a retried request on it finds the same order. */}
          <input type="hidden" name="idempotencyKey" value={locked.id} />
          <fieldset>
            <legend>{t("orders:checkout.address")}</legend>
            <Field
              label={t("orders:address.province")}
              inputProps={{ ...text(fields.province), autoComplete: "address-level1" }}
              errors={fields.province.errors}
            />
            <Field
              label={t("orders:address.city")}
              inputProps={{ ...text(fields.city), autoComplete: "address-level2" }}
              errors={fields.city.errors}
            />
            <Field
              label={t("orders:address.district")}
              inputProps={{ ...text(fields.district), autoComplete: "address-level3" }}
              errors={fields.district.errors}
            />
            <Field
              label={t("orders:address.street")}
              inputProps={{ ...text(fields.street), autoComplete: "street-address" }}
              errors={fields.street.errors}
            />
            <Field
              label={t("orders:address.recipientName")}
              inputProps={{ ...text(fields.recipientName), autoComplete: "name" }}
              errors={fields.recipientName.errors}
            />
            <Field
              label={t("orders:address.mobile")}
              inputProps={{ ...text(fields.mobile, "tel"), autoComplete: "tel-national", inputMode: "tel" }}
              errors={fields.mobile.errors}
            />
            <Field
              label={t("orders:address.postalCode")}
              inputProps={{ ...text(fields.postalCode), autoComplete: "postal-code", inputMode: "numeric" }}
              errors={fields.postalCode.errors}
            />
          </fieldset>
          {regime === "CBEC" ? (
            <fieldset>
              <legend>{t("orders:checkout.identity")}</legend>
              <p className="muted">{t("orders:checkout.identityWhy")}</p>
              <Field
                label={t("orders:identity.realName")}
                inputProps={{ ...text(fields.realName), autoComplete: "off" }}
                errors={fields.realName.errors}
              />
              <Field
                label={t("orders:identity.residentId")}
                inputProps={{ ...text(fields.residentId), autoComplete: "off", spellCheck: false }}
                errors={fields.residentId.errors}
              />
            </fieldset>
          ) : null}
          <button type="submit" name="intent" value="place" className="button primary" disabled={navigation.state === "submitting"}>
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
