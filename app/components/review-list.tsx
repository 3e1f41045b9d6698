import { useTranslation } from "react-i18next";
import { REVIEW_SCORES, type ReviewScore } from "~/domain/trust/review-form";
import type { PublicReview } from "~/domain/trust/review-rules";
import { formatDate } from "~/utils/format";

export type ReviewItem = PublicReview<Date | string>;

export const reviewPhotoUrl = (reviewId: string, name: string) => `/reviews/${reviewId}/photos/${name}`;

/** One review's scores in words ("描述相符 5 / 5 分"), so they read without seeing stars. */
export function ReviewScores({ scores }: { scores: Record<ReviewScore, number> }) {
  const { t } = useTranslation();
  return (
    <ul className="review-scores">
      {REVIEW_SCORES.map((key) => (
        <li key={key}>
          {t(`reviews:scores.${key}`)}{" "}
          <span aria-hidden="true" className="stars">
            {"★".repeat(scores[key])}
            {"☆".repeat(5 - scores[key])}
          </span>{" "}
          <span>{t("reviews:scoreValue", { value: scores[key] })}</span>
        </li>
      ))}
    </ul>
  );
}

/** Verified reviews as a public page shows them: masked name, 已购, the variant bought, scores, text, photos, date. */
export function ReviewList({ reviews }: { reviews: readonly ReviewItem[] }) {
  const { t, i18n } = useTranslation();
  if (reviews.length === 0) return <p className="muted">{t("reviews:list.empty")}</p>;
  return (
    <ul className="review-list">
      {reviews.map((review) => (
        <li key={review.id} className="review" data-testid="review">
          <p className="review-head">
            <strong>{review.reviewer}</strong> <span className="badge badge-good">{t("reviews:list.purchased")}</span>
            {review.variantName ? <span className="muted"> {t("reviews:list.variant", { variant: review.variantName })}</span> : null}
            <span className="muted">
              {" · "}
              <time dateTime={new Date(review.createdAt).toISOString()}>{formatDate(review.createdAt, i18n.language)}</time>
              {review.edited ? ` · ${t("reviews:list.edited")}` : ""}
            </span>
          </p>
          <ReviewScores scores={review.scores} />
          <p className="review-text">{review.text}</p>
          {review.photos.length ? (
            <ul className="review-photos">
              {review.photos.map((name, index) => (
                <li key={name}>
                  <a href={reviewPhotoUrl(review.id, name)}>
                    <img
                      src={reviewPhotoUrl(review.id, name)}
                      alt={t("reviews:list.photo", { index: index + 1 })}
                      width={96}
                      height={96}
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
