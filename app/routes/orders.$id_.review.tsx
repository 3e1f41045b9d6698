import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { reviewPhotoUrl, ReviewScores } from "~/components/review-list";
import { ITEM_SCORES, REVIEW_TEXT_MAX, reviewFormSchema, SERVICE_SCORES, type ReviewScore } from "~/domain/trust/review-form";
import { discardPhotos, parsePhotoForm, photoFormStatus } from "~/services/order-photos.server";
import { getOrderReviews, writeReview } from "~/services/reviews.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { pageTitle } from "~/utils/meta";

// The shopper reviews each item of a delivered order (one review an item), or edits a review while its
// window is open. Plain forms: works without JavaScript.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "orders-id-review") }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getOrderReviews(user, params.id ?? "");
  if (!page) throw new Response("Order not found", { status: 404 });
  return json(page);
}

type Errors = Record<string, string[] | null>;
type Values = Partial<Record<ReviewScore, string>> & { text?: string };

const REFUSALS = {
  notDelivered: 409,
  alreadyReviewed: 409,
  editWindowClosed: 403,
  stale: 409,
  tooManyPhotos: 400,
} as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.id ?? "";
  const parsed = await parsePhotoForm(request);
  if (!parsed.ok)
    return json(
      { itemId: null as string | null, errors: { "": [parsed.error] } as Errors, values: {} as Values },
      { status: photoFormStatus(parsed.error) },
    );
  const itemId = String(parsed.form.get("orderItemId") ?? "");
  const values = Object.fromEntries(
    [...ITEM_SCORES, ...SERVICE_SCORES, "text"].map((key) => [key, String(parsed.form.get(key) ?? "").slice(0, REVIEW_TEXT_MAX)]),
  ) as Values;
  const submission = parseWithZod(parsed.form, { schema: reviewFormSchema });
  if (submission.status !== "success") {
    await discardPhotos(parsed.photos);
    return json({ itemId, errors: (submission.reply().error ?? {}) as Errors, values }, { status: 400 });
  }
  const written = await writeReview(user, orderId, submission.value, parsed.photos);
  if (written.ok) return redirect(`/orders/${orderId}/review?saved=${encodeURIComponent(itemId)}`);
  await discardPhotos(parsed.photos);
  if (written.reason === "notFound") throw new Response("Order not found", { status: 404 });
  return json({ itemId, errors: { "": [`reviews:errors.${written.reason}`] } as Errors, values }, { status: REFUSALS[written.reason] });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function ScoreField({ name, itemId, current, errors }: { name: ReviewScore; itemId: string; current?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  const errorId = `${itemId}-${name}-error`;
  return (
    <fieldset className="score-field" aria-describedby={errors ? errorId : undefined}>
      <legend>{t(`reviews:scores.${name}`)}</legend>
      {[1, 2, 3, 4, 5].map((value) => (
        <label key={value} className="choice">
          <input type="radio" name={name} value={value} required defaultChecked={current === String(value)} />{" "}
          {t("reviews:scoreValue", { value })}
        </label>
      ))}
      {errors ? (
        <p id={errorId} className="field-errors" role="alert">
          {errors.map((error) => t(error)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function ReviewForm({ item, errors, values, editDays }: { item: Item; errors: Errors; values: Values | null; editDays: number }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const review = item.review;
  const current = (key: ReviewScore) => values?.[key] ?? (review ? String(review[key]) : undefined);
  const formErrors = errors[""] ?? [];
  return (
    <Form method="post" encType="multipart/form-data" className="stack-form review-form" aria-label={item.titleZh}>
      <input type="hidden" name="orderItemId" value={item.id} />
      {review ? <input type="hidden" name="version" value={review.version} /> : null}
      {formErrors.length ? (
        <div className="form-errors" role="alert">
          {formErrors.map((error) => (
            <p key={error}>{t(error, { days: editDays })}</p>
          ))}
        </div>
      ) : null}
      <fieldset>
        <legend>{t("reviews:groups.item")}</legend>
        {ITEM_SCORES.map((key) => (
          <ScoreField key={key} name={key} itemId={item.id} current={current(key)} errors={errors[key]} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("reviews:groups.service")}</legend>
        {SERVICE_SCORES.map((key) => (
          <ScoreField key={key} name={key} itemId={item.id} current={current(key)} errors={errors[key]} />
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${item.id}-text`}>{t("reviews:order.text")}</label>
        <textarea
          id={`${item.id}-text`}
          name="text"
          rows={4}
          required
          minLength={5}
          maxLength={REVIEW_TEXT_MAX}
          defaultValue={values?.text ?? review?.text ?? ""}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? `${item.id}-text-error` : `${item.id}-text-hint`}
        />
        <p id={`${item.id}-text-hint`} className="field-hint">
          {t("reviews:order.textHint")}
        </p>
        {errors.text ? (
          <p id={`${item.id}-text-error`} className="field-errors" role="alert">
            {errors.text.map((error) => t(error)).join(" ")}
          </p>
        ) : null}
      </div>
      {review?.photos.length ? (
        <fieldset>
          <legend>{t("reviews:order.photos")}</legend>
          {review.photos.map((name, index) => (
            <label key={name} className="choice">
              <input type="checkbox" name="keepPhotos" value={name} defaultChecked />{" "}
              <img src={reviewPhotoUrl(review.id, name)} alt="" width={64} height={64} />{" "}
              {t("reviews:order.keepPhoto", { index: index + 1 })}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={`${item.id}-photos`}>{t("reviews:order.photos")}</label>
        <input id={`${item.id}-photos`} type="file" name="photos" multiple accept="image/jpeg,image/png,image/webp" />
      </div>
      <button type="submit" className="button primary" disabled={busy}>
        {t(review ? "reviews:order.update" : "reviews:order.submit")}
      </button>
      {review ? (
        <p className="muted">{t("reviews:order.editUntil", { date: formatDateTime(review.editableUntil, i18n.language) })}</p>
      ) : null}
    </Form>
  );
}

export default function OrderReviewPage() {
  const { order, items, reviewable, editDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const saved = searchParams.get("saved");
  const pageErrors = result && !result.itemId ? (result.errors[""] ?? []) : [];
  return (
    <section className="page narrow" aria-labelledby="review-title">
      <h1 id="review-title">{t("reviews:order.title", { number: order.number })}</h1>
      <p>
        <Link to={`/orders/${order.id}`}>{t("reviews:order.back")}</Link>
      </p>
      <p className="muted">{t("reviews:order.intro", { days: editDays })}</p>
      {pageErrors.length ? (
        <div className="form-errors" role="alert">
          {pageErrors.map((error) => (
            <p key={error}>{t(error)}</p>
          ))}
        </div>
      ) : null}
      {!reviewable ? <p className="notice">{t("reviews:order.notReviewable")}</p> : null}
      {items.map((item) => {
        const review = item.review;
        const mine = result?.itemId === item.id;
        return (
          <article key={item.id} className="review-item" data-testid="review-item" aria-labelledby={`${item.id}-title`}>
            <h2 id={`${item.id}-title`}>
              {i18n.language === "en" ? item.title : item.titleZh}
              {item.variantName ? <span className="muted"> · {item.variantName}</span> : null}
            </h2>
            {saved === item.id ? (
              <p role="status" className="notice success">
                {t("reviews:order.saved")}
              </p>
            ) : null}
            {review?.hiddenAt ? <p className="notice">{t("reviews:list.hidden", { reason: review.hiddenReason ?? "" })}</p> : null}
            {review && !review.editable ? (
              <div data-testid="review-closed">
                <p className="muted">{t("reviews:order.editClosed", { date: formatDateTime(review.editableUntil, i18n.language) })}</p>
                <ReviewScores scores={review} />
                <p>{review.text}</p>
              </div>
            ) : reviewable ? (
              <ReviewForm item={item} errors={mine ? result.errors : {}} values={mine ? result.values : null} editDays={editDays} />
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
