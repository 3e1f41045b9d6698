import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RefundBreakdown } from "~/components/refund-breakdown";
import { evidenceRuleOf, parseReturnForm, RETURN_REASONS } from "~/domain/returns";
import { discardPhotos, parsePhotoForm } from "~/services/order-photos.server";
import { fileReturn, getReturnContext, previewReturn, type ReturnPreview } from "~/services/returns.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "申请退货 · Return" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["SHOPPER"]);
  const context = await getReturnContext(user.id, params.id ?? "");
  if (!context) throw new Response("Order not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const form = search.has("reason") ? parseReturnForm([...search.entries()]) : null;
  const preview = form?.ok ? previewReturn(context, { ...form.value, photoCount: 0 }) : null;
  const { order, items, policy } = context;
  return json({
    order: { id: order.id, number: order.number, status: order.status, deliveredAt: order.deliveredAt },
    items: items.map(({ position, quantity, remaining, title, titleZh, variantName, imageUrl }) => ({ position, quantity, remaining, title, titleZh, variantName, imageUrl })),
    returnAddress: policy.returnAddress,
    choice: form?.ok ? form.value : null,
    formErrors: form && !form.ok ? form.errors : [],
    preview,
  });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["SHOPPER"]);
  const orderId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok) return json({ errors: [parsed.error], preview: null as ReturnPreview | null }, { status: parsed.error === "orders:errors.photoTooLarge" ? 413 : 400 });
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
  const { order, items, returnAddress, choice, formErrors, preview: previewed, } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const locale = i18n.language;
  const preview = actionData?.preview ?? previewed;
  const problems = preview?.problems ?? [];
  const errors = [...formErrors, ...(actionData?.errors ?? [])];
  const quantity = (position: number) => choice?.requested.find((unit) => unit.position === position)?.quantity ?? 0;
  const evidence = choice ? evidenceRuleOf(choice.reason) : "NONE";

  return (
    <section className="page narrow" aria-labelledby="return-title">
      <h1 id="return-title">{t("returns:file.title", { number: order.number })}</h1>
      <p>
        <Link to={`/orders/${order.id}`}>{t("returns:file.backToOrder")}</Link>
      </p>
      <Form method="get" className="return-form" onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}>
        <fieldset>
          <legend>{t("returns:file.units")}</legend>
          {items.map((item) => (
            <div key={item.position} className="field return-unit">
              <label htmlFor={`qty-${item.position}`}>
                {locale === "en" ? item.title : item.titleZh}
                {item.variantName ? ` · ${item.variantName}` : ""} <span className="muted">{t("returns:file.remaining", { remaining: item.remaining, quantity: item.quantity })}</span>
              </label>
              <input id={`qty-${item.position}`} name={`qty-${item.position}`} type="number" min={0} max={item.remaining} defaultValue={quantity(item.position)} inputMode="numeric" className="quantity-input" disabled={item.remaining === 0} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("returns:file.reason")}</legend>
          {RETURN_REASONS.map((reason) => (
            <label key={reason} className="radio">
              <input type="radio" name="reason" value={reason} defaultChecked={choice?.reason === reason} /> {t(`returns:reasons.${reason}`)}
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

      {errors.length > 0 || problems.length > 0 ? (
        <div className="notice error" role="alert" data-testid="return-problems">
          {errors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
          {problems.map((problem) => (
            <p key={`${problem.message}-${JSON.stringify(problem.params ?? {})}`}>
              {t(problem.message, { ...problem.params, deadline: problem.params?.deadline ? formatDateTime(String(problem.params.deadline), locale) : "" })}
            </p>
          ))}
          {preview?.complaint ? <p>{t("returns:file.complaint")}</p> : null}
        </div>
      ) : null}

      {preview?.computation && choice ? (
        <section aria-labelledby="preview-title" className="return-preview">
          <h2 id="preview-title">{t("returns:preview.title")}</h2>
          <p>
            <strong>{t(`returns:faults.${preview.fault}`)}</strong> · {preview.deadline ? t("returns:preview.deadline", { deadline: formatDateTime(preview.deadline, locale) }) : null}
          </p>
          <RefundBreakdown computation={preview.computation} />
          {preview.cbecTaxDeadline && preview.fault === "SHOPPER" ? <p className="muted">{t("returns:preview.cbecTax", { deadline: formatDateTime(preview.cbecTaxDeadline, locale) })}</p> : null}
          <p>{preview.fault === "PLATFORM" ? t("returns:preview.labelIssued") : t("returns:preview.sendTo", { address: returnAddress || t("returns:preview.addressAfterApproval") })}</p>
          {problems.length === 0 ? (
            <Form method="post" encType="multipart/form-data" className="return-confirm">
              <input type="hidden" name="reason" value={choice.reason} />
              <input type="hidden" name="description" value={choice.description ?? ""} />
              {choice.requested.map((unit) => (
                <input key={unit.position} type="hidden" name={`qty-${unit.position}`} value={unit.quantity} />
              ))}
              <div className="field">
                <label htmlFor="return-photos">{t(evidence === "NONE" ? "returns:file.photosOptional" : evidence === "PHOTO" ? "returns:file.photosRequired" : "returns:file.photosOrDescription")}</label>
                <input id="return-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple required={evidence === "PHOTO"} />
              </div>
              <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
                {t("returns:file.confirm")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
