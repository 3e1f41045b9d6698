import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RefundBreakdown } from "~/components/refund-breakdown";
import { ReturnAddress } from "~/components/return-address";
import { useReturnText } from "~/components/return-text";
import { evidenceRuleOf, parseReturnForm, RETURN_REASONS } from "~/domain/returns";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { fileReturn, formVerdict, getReturnContext, previewReturn, type ReturnPreview } from "~/services/returns.server";
import { getRefundChoice } from "~/services/payment-refunds.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-id-return") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["SHOPPER"]);
  const context = await getReturnContext(user.id, params.id ?? "");
  if (!context) throw new Response("Order not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const form = search.has("reason") ? parseReturnForm([...search.entries()]) : null;
  const preview = form?.ok ? previewReturn(context, { ...form.value, photoCount: 0 }) : null;
  const { order, items, returnAddress } = context;
  const refund = await getRefundChoice(user, order.id);
  return json({
    // Where the refund will go, said before filing (the order page's 退款方式 changes it).
    refundToAlipay: refund?.canChoose === true && refund.refundTo === "ORIGINAL",
    refundProvider: refund?.provider ?? null,
    order: { id: order.id, number: order.number, status: order.status, deliveredAt: order.deliveredAt },
    items: items.map(({ position, quantity, remaining, title, titleZh, variantName, imageUrl }) => ({
      position,
      quantity,
      remaining,
      title,
      titleZh,
      variantName,
      imageUrl,
    })),
    returnAddress,
    // Before anything is chosen: whether anything may still go back at all.
    initial: formVerdict(context),
    choice: form?.ok ? form.value : null,
    formErrors: form && !form.ok ? form.errors : [],
    preview,
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SHOPPER"]);
  const orderId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok) return json({ errors: [parsed.error], preview: null as ReturnPreview | null }, { status: photoFormStatus(parsed.error) });
  const form = parseReturnForm([...parsed.form.entries()]);
  if (!form.ok) {
    await discardPhotos(parsed.photos);
    return json({ errors: form.errors, preview: null as ReturnPreview | null }, { status: 400 });
  }
  const filed = await fileReturn(user, orderId, { ...form.value, photoCount: parsed.photos.length, photos: parsed.photos });
  if (filed.ok) return redirect(`/returns/${filed.returnId}`);
  await discardPhotos(parsed.photos);
  if (filed.reason === "notFound") throw new Response("Order not found", { status: 404 });
  return json({ errors: [] as string[], preview: filed.preview }, { status: 400 });
}

export default function FileReturnPage() {
  const {
    order,
    items,
    returnAddress,
    initial,
    choice,
    formErrors,
    preview: previewed,
    refundToAlipay,
    refundProvider,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const { t, locale, cny, alternative } = useReturnText(items);
  const preview = actionData?.preview ?? previewed;
  const problems = preview?.problems ?? [];
  const errors = [...formErrors, ...(actionData?.errors ?? [])];
  const quantity = (position: number) => choice?.requested.find((unit) => unit.position === position)?.quantity ?? 0;
  const evidence = choice ? evidenceRuleOf(choice.reason) : "NONE";
  // One verdict decides what follows the form (domain/returns/filing-view.ts): never a breakdown to
  // confirm for a return that may not be filed.
  const verdict = initial.verdict === "NOTHING_RETURNABLE" ? initial.verdict : (preview?.verdict ?? initial.verdict);
  const alternatives = initial.verdict === "NOTHING_RETURNABLE" ? initial.alternatives : (preview?.alternatives ?? []);
  const refused = verdict === "INELIGIBLE" || verdict === "NOTHING_RETURNABLE";
  const confirmable =
    Boolean(preview?.computation && choice) && (verdict === "ELIGIBLE" || verdict === "NOT_WORTH" || verdict === "INVALID");

  return (
    <section className="page narrow" aria-labelledby="return-title">
      <h1 id="return-title">{t("returns:file.title", { number: order.number })}</h1>
      <p>
        <Link to={`/orders/${order.id}`}>{t("returns:file.backToOrder")}</Link>
      </p>
      {verdict === "NOTHING_RETURNABLE" ? null : (
        <Form
          method="get"
          className="return-form"
          onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}
        >
          <fieldset>
            <legend>{t("returns:file.units")}</legend>
            {items.map((item) => (
              <div key={item.position} className="field return-unit">
                <label htmlFor={`qty-${item.position}`}>
                  {locale === "en" ? item.title : item.titleZh}
                  {item.variantName ? ` · ${item.variantName}` : ""}{" "}
                  <span className="muted">{t("returns:file.remaining", { remaining: item.remaining, quantity: item.quantity })}</span>
                </label>
                <input
                  id={`qty-${item.position}`}
                  name={`qty-${item.position}`}
                  type="number"
                  min={0}
                  max={item.remaining}
                  defaultValue={quantity(item.position)}
                  inputMode="numeric"
                  className="quantity-input"
                  disabled={item.remaining === 0}
                />
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("returns:file.reason")}</legend>
            {RETURN_REASONS.map((reason) => (
              <label key={reason} className="radio">
                <input type="radio" name="reason" value={reason} defaultChecked={choice?.reason === reason} />{" "}
                {t(`returns:reasons.${reason}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="return-description">{t("returns:file.description")}</label>
            <textarea id="return-description" name="description" rows={3} maxLength={1000} defaultValue={choice?.description ?? ""} />
          </div>
          <button type="submit" className="button">
            {t("returns:file.preview")}
          </button>
        </Form>
      )}

      {refused ? (
        <section aria-labelledby="refused-title" className="return-refused" data-testid="return-refused">
          <h2 id="refused-title">
            {t(verdict === "NOTHING_RETURNABLE" ? "returns:verdict.nothingReturnable" : "returns:verdict.ineligible")}
          </h2>
          {problems.map((problem) => (
            <p key={`${problem.message}-${JSON.stringify(problem.params ?? {})}`} className="notice error" data-testid="return-problem">
              {t(problem.message, {
                ...problem.params,
                deadline: problem.params?.deadline ? formatDateTime(String(problem.params.deadline), locale) : "",
              })}
              {problem.params?.items ? ` ${t("returns:verdict.itemsAtIssue", { items: problem.params.items })}` : ""}
            </p>
          ))}
          <h3>{t("returns:alternatives.title")}</h3>
          <ul className="return-alternatives" data-testid="return-alternatives">
            {alternatives.map((entry) => (
              <li key={entry.key}>
                {t(entry.key, alternative(entry.params))} {entry.link ? <Link to={entry.link.to}>{t(entry.link.key)}</Link> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : errors.length > 0 || problems.length > 0 ? (
        <div className="notice error" role="alert" data-testid="return-problems">
          {errors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
          {problems.map((problem) => (
            <p key={`${problem.message}-${JSON.stringify(problem.params ?? {})}`}>
              {t(problem.message, {
                ...problem.params,
                deadline: problem.params?.deadline ? formatDateTime(String(problem.params.deadline), locale) : "",
              })}
            </p>
          ))}
        </div>
      ) : null}

      {confirmable && preview?.computation && choice ? (
        <section aria-labelledby="preview-title" className="return-preview">
          <h2 id="preview-title">{t(verdict === "NOT_WORTH" ? "returns:verdict.notWorth" : "returns:preview.title")}</h2>
          <p>
            <strong>{t(`returns:faults.${preview.fault}`)}</strong> ·{" "}
            {preview.deadline ? t("returns:preview.deadline", { deadline: formatDateTime(preview.deadline, locale) }) : null}
          </p>
          <RefundBreakdown computation={preview.computation} goods={items} />
          <p className="muted" data-testid="refund-destination">
            {t(
              refundToAlipay ? "returns:file.refundToAlipay" : "returns:file.refundToWallet",
              refundProvider === "WECHAT" ? { context: "wechat" } : {},
            )}{" "}
            <Link to={`/orders/${order.id}#refund-choice-title`}>{t("returns:file.refundToChange")}</Link>
          </p>
          {preview.cbecTaxDeadline && preview.fault === "SHOPPER" ? (
            <p className="muted">{t("returns:preview.cbecTax", { deadline: formatDateTime(preview.cbecTaxDeadline, locale) })}</p>
          ) : null}
          {preview.fault === "PLATFORM" ? <p>{t("returns:preview.labelIssued")}</p> : null}
          <ReturnAddress returnAddress={returnAddress} fault={preview.fault} />
          <Form method="post" encType="multipart/form-data" className="return-confirm">
            <input type="hidden" name="reason" value={choice.reason} />
            <input type="hidden" name="description" value={choice.description ?? ""} />
            {choice.requested.map((unit) => (
              <input key={unit.position} type="hidden" name={`qty-${unit.position}`} value={unit.quantity} />
            ))}
            <div className="field">
              <label htmlFor="return-photos">
                {t(
                  evidence === "NONE"
                    ? "returns:file.photosOptional"
                    : evidence === "PHOTO"
                      ? "returns:file.photosRequired"
                      : "returns:file.photosOrDescription",
                )}
              </label>
              <input
                id="return-photos"
                name="photos"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                multiple
                required={evidence === "PHOTO"}
              />
            </div>
            <button
              type="submit"
              className={verdict === "NOT_WORTH" ? "button" : "button primary"}
              disabled={navigation.state === "submitting"}
            >
              {verdict === "NOT_WORTH"
                ? t("returns:verdict.confirmAnyway", { amount: cny(preview.computation.refundFen) })
                : t("returns:file.confirm")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
