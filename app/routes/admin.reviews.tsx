import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { ReviewList } from "~/components/review-list";
import { HIDE_REASON_MAX, reviewModerationSchema } from "~/domain/trust/review-form";
import { listRecentReviews, moderateReview } from "~/services/reviews.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseWithZod } from "~/utils/parse-form";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// Admins read recent reviews and hide one with a reason (audited) or show it again; they never edit one.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-reviews") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const search = new URL(request.url).searchParams;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(search.get("page") ?? "1", 10) || 1));
  return json(await listRecentReviews({ page, hiddenOnly: search.get("hidden") === "1" }));
}

type Errors = Record<string, string[] | null>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const form = await readForm(request);
  const reviewId = String(form.get("reviewId") ?? "");
  const submission = parseWithZod(form, { schema: reviewModerationSchema });
  if (submission.status !== "success") return json({ reviewId, errors: (submission.reply().error ?? {}) as Errors }, { status: 400 });
  const done = await moderateReview(admin, submission.value);
  if (!done.ok)
    return json(
      { reviewId, errors: { "": [`reviews:errors.${done.reason === "notFound" ? "reviewUnknown" : "unchanged"}`] } as Errors },
      { status: done.reason === "notFound" ? 404 : 409 },
    );
  const back = new URL(request.url);
  back.searchParams.set("done", "1");
  return redirect(`${back.pathname}${back.search}`);
}

export default function AdminReviews() {
  const { reviews, page, pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const hiddenOnly = searchParams.get("hidden") === "1";
  return (
    <section className="page" aria-labelledby="admin-reviews-title">
      <h1 id="admin-reviews-title">{t("reviews:admin.title")}</h1>
      <p className="muted">{t("reviews:admin.intro")}</p>
      <p>
        {hiddenOnly ? (
          <Link to="/admin/reviews">{t("reviews:admin.all")}</Link>
        ) : (
          <Link to="?hidden=1">{t("reviews:admin.hiddenOnly")}</Link>
        )}
      </p>
      {searchParams.get("done") ? (
        <p role="status" className="notice success">
          {t("reviews:admin.done")}
        </p>
      ) : null}
      {reviews.length === 0 ? <p className="muted">{t("reviews:admin.empty")}</p> : null}
      <ul className="admin-review-list">
        {reviews.map((review) => {
          const errors = result?.reviewId === review.id ? result.errors : {};
          const all = Object.values(errors).flatMap((list) => list ?? []);
          return (
            <li key={review.id} data-testid="admin-review">
              <p>
                {review.listingId ? (
                  <Link to={`/listings/${review.listingId}`}>{t("reviews:admin.item", { title: review.itemTitle })}</Link>
                ) : (
                  t("reviews:admin.item", { title: review.itemTitle })
                )}{" "}
                · <Link to={`/orders/${review.orderId}`}>{t("reviews:admin.order")}</Link>
              </p>
              <ReviewList reviews={[review]} />
              {all.length ? (
                <div className="form-errors" role="alert">
                  {all.map((error) => (
                    <p key={error}>{t(error)}</p>
                  ))}
                </div>
              ) : null}
              {review.hiddenAt ? (
                <Form method="post">
                  <p className="notice">
                    {t("reviews:admin.hidden", { date: formatDateTime(review.hiddenAt, i18n.language), reason: review.hiddenReason ?? "" })}
                  </p>
                  <input type="hidden" name="reviewId" value={review.id} />
                  <button type="submit" name="intent" value="unhide" className="button">
                    {t("reviews:admin.unhide")}
                  </button>
                </Form>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="reviewId" value={review.id} />
                  <label htmlFor={`reason-${review.id}`}>{t("reviews:admin.reason")}</label>
                  <input id={`reason-${review.id}`} name="reason" required maxLength={HIDE_REASON_MAX} />
                  <button type="submit" name="intent" value="hide" className="button danger">
                    {t("reviews:admin.hide")}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      <Pagination page={page} pages={pages} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
