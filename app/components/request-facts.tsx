import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney, formatWeight } from "~/utils/format";
import { LandedPrice } from "./landed-price";
import type { QuoteView } from "./line-quote-card";

type Facts = {
  id: string;
  storeName: string;
  link: string | null;
  description: string;
  variant: string | null;
  quantity: number;
  budgetFen: number | null;
  photos: string[];
  createdAt: string;
};

/** What the shopper asked for, as both the shopper and the agent see it. */
export function RequestFacts({ request }: { request: Facts }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="request-facts-title">
      <h2 id="request-facts-title">{t("requests:detail.asked")}</h2>
      <dl className="facts">
        <dt>{t("requests:fields.storeName")}</dt>
        <dd>{request.storeName}</dd>
        {request.link ? (
          <>
            <dt>{t("requests:fields.link")}</dt>
            <dd>
              <a href={request.link} rel="noreferrer noopener nofollow" target="_blank">
                {request.link}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("requests:fields.description")}</dt>
        <dd className="prewrap">{request.description}</dd>
        {request.variant ? (
          <>
            <dt>{t("requests:fields.variant")}</dt>
            <dd>{request.variant}</dd>
          </>
        ) : null}
        <dt>{t("requests:fields.quantity")}</dt>
        <dd>{request.quantity}</dd>
        {request.budgetFen !== null ? (
          <>
            <dt>{t("requests:fields.budget")}</dt>
            <dd>{formatMoney(fromFen(request.budgetFen), "CNY", i18n.language)}</dd>
          </>
        ) : null}
        <dt>{t("requests:detail.filedAt")}</dt>
        <dd>{formatDateTime(request.createdAt, i18n.language)}</dd>
      </dl>
      {request.photos.length ? (
        <ul className="timeline-photos" aria-label={t("requests:fields.photos")}>
          {request.photos.map((name, index) => (
            <li key={name}>
              <a href={`/requests/${request.id}/photos/${name}`}>
                <img
                  src={`/requests/${request.id}/photos/${name}`}
                  alt={t("requests:detail.photoAlt", { index: index + 1 })}
                  width={96}
                  height={96}
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Quoted = {
  title: string | null;
  price: string | null;
  currency: string | null;
  domesticShipping: string | null;
  weightGrams: number | null;
  quoteCount: number;
  quotedAt: string | null;
  quote: {
    result: QuoteView;
    validUntil: string;
    expired: boolean;
    line: { nameZh: string; nameEn: string; volumetricDivisor: number | null } | null;
  } | null;
};

/** The quote with its full breakdown (the listing page's landed-price box), what it was computed from and until when it holds. */
export function RequestQuote({ request }: { request: Quoted }) {
  const { t, i18n } = useTranslation();
  const { quote } = request;
  if (!quote) return null;
  return (
    <section aria-labelledby="request-quote-title" data-testid="request-quote">
      <h2 id="request-quote-title">{t("requests:detail.quoteTitle")}</h2>
      {request.quoteCount > 1 ? <p className="notice">{t("requests:detail.requoted", { count: request.quoteCount })}</p> : null}
      <dl className="facts">
        <dt>{t("requests:agent.price")}</dt>
        <dd>{request.price && request.currency ? formatMoney(request.price, request.currency, i18n.language) : "—"}</dd>
        <dt>{t("requests:agent.domesticShipping")}</dt>
        <dd>
          {request.domesticShipping && request.currency ? formatMoney(request.domesticShipping, request.currency, i18n.language) : "—"}
        </dd>
        <dt>{t("requests:agent.weight")}</dt>
        <dd>{request.weightGrams ? formatWeight(request.weightGrams, i18n.language) : "—"}</dd>
      </dl>
      {quote.line ? <LandedPrice landed={{ line: quote.line, outcome: { ok: true, quote: quote.result } }} /> : null}
      <p className={quote.expired ? "notice" : "muted"}>
        {t(quote.expired ? "requests:detail.quoteExpiredAt" : "requests:detail.quoteValid", {
          date: formatDateTime(quote.validUntil, i18n.language),
        })}
      </p>
    </section>
  );
}

/** A request's status as a badge, the same in the shopper's and the agent's lists and pages. */
export function RequestStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status.toLowerCase()}`} data-testid={testId}>
      {t(`requests:status.${status}`)}
    </span>
  );
}
