import { useTranslation } from "react-i18next";
import { REVIEW_SCORES } from "~/domain/trust/review-form";
import type { ReviewSummary as Summary } from "~/domain/trust/review-rules";
import { formatNumber } from "~/utils/format";

/**
 * The means of visible reviews, each dimension in words and numbers ("4.5 / 5 分"), or "暂无足够评价" with
 * how many reviews there are below the minimum sample: never a number from too few reviews.
 */
export function ReviewSummary({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  const score = (value: number) => t("reviews:scoreValue", { value: formatNumber(value, i18n.language, { minimumFractionDigits: 1 }) });
  if (!summary.enough || summary.overall === null)
    return (
      <div className="review-summary not-enough" data-testid="review-summary">
        <p>
          <strong>{t("reviews:summary.notEnough")}</strong>{" "}
          <span className="muted">{t("reviews:summary.sampleNeeded", { count: summary.count, minimum: summary.minimumSample })}</span>
        </p>
      </div>
    );
  return (
    <div className="review-summary" data-testid="review-summary">
      <p>
        {t("reviews:overall")} <strong>{score(summary.overall)}</strong>{" "}
        <span className="muted">{t("reviews:summary.count", { count: summary.count })}</span>
      </p>
      <dl className="review-means">
        {REVIEW_SCORES.map((key) => {
          const value = summary[key];
          return value === null ? null : (
            <div key={key}>
              <dt>{t(`reviews:scores.${key}`)}</dt>
              <dd>{score(value)}</dd>
            </div>
          );
        })}
      </dl>
      <p className="muted field-hint">{t("reviews:summary.explain")}</p>
    </div>
  );
}
