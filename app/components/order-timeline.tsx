import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { STATUS_ORDER, type OrderStatus } from "~/domain/orders/status-machine";
import { trackingUrl } from "~/domain/orders/transition-form";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";

type TimelineEvent = {
  id: string;
  kind: string;
  actorRole: string;
  fromStatus: string | null;
  toStatus: string | null;
  messageKey: string | null;
  params: Record<string, string | number | null>;
  note: string | null;
  attachments: string[];
  createdAt: string;
  actor: { name: string } | null;
};

/**
 * The happy path as steps: done, current, to come. An order waiting for the shopper (before anything
 * is bought) is flagged on the PURCHASING step; a cancelled one shows no step as reached.
 */
export function OrderProgress({ status }: { status: string }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const waiting = status === "AWAITING_SHOPPER";
  const reached = waiting ? "PURCHASING" : status;
  const index = STATUS_ORDER.indexOf(reached as (typeof STATUS_ORDER)[number]);
  // Nine steps do not fit a phone's width: the row scrolls, starts at the current step, and fades on the
  // side where more steps are hidden so the shopper sees there is more.
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const current = element.querySelector<HTMLElement>('[aria-current="step"]');
    if (current) element.scrollLeft = current.offsetLeft - (element.clientWidth - current.offsetWidth) / 2;
    const mark = () => {
      element.dataset.moreBefore = String(element.scrollLeft > 4);
      element.dataset.moreAfter = String(element.scrollLeft + element.clientWidth < element.scrollWidth - 4);
    };
    mark();
    element.addEventListener("scroll", mark, { passive: true });
    window.addEventListener("resize", mark);
    return () => {
      element.removeEventListener("scroll", mark);
      window.removeEventListener("resize", mark);
    };
  }, [status]);
  return (
    <>
      {status !== "CANCELLED" && index >= 0 ? (
        <p className="progress-summary" data-testid="progress-summary">
          {t("orders:order.stepOf", { step: index + 1, total: STATUS_ORDER.length, name: t(`orders:status.${status}`) })}
        </p>
      ) : null}
      <ol ref={list} className="order-progress" aria-label={t("orders:order.progress")}>
        {STATUS_ORDER.map((step, position) => {
          const state =
            status === "CANCELLED" ? "todo" : position < index ? "done" : position === index ? (waiting ? "waiting" : "current") : "todo";
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === "current" || state === "waiting" ? "step" : undefined}>
              <span className="step-dot" aria-hidden="true" />
              <span className="step-label">{t(`orders:status.${step}`)}</span>
              <span className="visually-hidden"> ({t(`orders:order.step.${state}`)})</span>
            </li>
          );
        })}
      </ol>
    </>
  );
}

/**
 * Every event of an order (or a return: ns "returns"; a complaint: ns "complaints"), newest last: who (and in which role), when,
 * what, photos and tracking. Photos are served under `photoBase`.
 */
export function OrderTimeline({
  events,
  photoBase,
  ns = "orders",
}: {
  events: TimelineEvent[];
  photoBase: string;
  ns?: "orders" | "returns" | "complaints" | "claims";
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const money = (value: string | number | null | undefined) => (typeof value === "string" ? formatMoney(value, "CNY", locale) : "");
  return (
    <ol className="timeline" aria-live="polite" data-testid="order-timeline">
      {events.map((event) => {
        const who =
          event.actorRole === "SYSTEM" ? t("orders:timeline.system") : `${event.actor?.name ?? ""} · ${t(`roles.${event.actorRole}`)}`;
        const fen = (value: string | number | null | undefined) =>
          typeof value === "number" ? formatMoney(fromFen(value), "CNY", locale) : "";
        const params = {
          ...event.params,
          amount: money(event.params.amount),
          total: money(event.params.total),
          before: money(event.params.before),
          refund: fen(event.params.refund),
          filed: fen(event.params.filed),
        };
        const carrier = typeof event.params.carrier === "string" ? event.params.carrier : null;
        const tracking = typeof event.params.trackingNumber === "string" ? event.params.trackingNumber : null;
        const link = carrier && tracking ? trackingUrl(carrier, tracking) : null;
        return (
          <li key={event.id} className={`timeline-event event-${event.kind.toLowerCase()}`} data-status={event.toStatus ?? undefined}>
            <p className="timeline-head">
              <strong>
                {event.kind === "STATUS" && event.toStatus
                  ? // A return closed with nothing to pay back does not say 已退款 (domain/returns/view.ts, returnStatusKey).
                    t(
                      ns === "returns" && event.messageKey === "refundedNone"
                        ? "returns:status.CLOSED_NO_REFUND"
                        : `${ns}:status.${event.toStatus as OrderStatus}`,
                    )
                  : event.kind === "MESSAGE"
                    ? t("orders:timeline.message")
                    : event.kind === "DISPUTE"
                      ? t("returns:timeline.dispute")
                      : event.kind === "CHECK"
                        ? t("orders:timeline.check")
                        : event.kind === "NOTICE"
                          ? t("orders:timeline.notice")
                          : t("orders:timeline.money")}
              </strong>{" "}
              <time dateTime={event.createdAt} className="muted">
                {formatDateTime(event.createdAt, locale)}
              </time>
            </p>
            <p className="muted">{who}</p>
            {event.messageKey ? <p>{t(`${ns}:events.${event.messageKey}`, params)}</p> : null}
            {event.kind === "STATUS" && event.toStatus && !event.messageKey ? (
              <p>{t(`${ns}:events.to.${event.toStatus}`, params)}</p>
            ) : null}
            {typeof event.params.evidenceUrl === "string" ? (
              <p>
                <a href={event.params.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow">
                  {t("orders:timeline.evidenceLink")}
                </a>
              </p>
            ) : null}
            {tracking ? (
              <p>
                {carrier} ·{" "}
                {link ? (
                  <a href={link} target="_blank" rel="noopener noreferrer">
                    {tracking}
                  </a>
                ) : (
                  tracking
                )}
              </p>
            ) : null}
            {event.note ? <p className="timeline-note">{event.note}</p> : null}
            {event.attachments.length > 0 ? (
              <ul className="timeline-photos">
                {event.attachments.map((name, index) => (
                  <li key={name}>
                    <a href={`${photoBase}/${name}`}>
                      <img
                        src={`${photoBase}/${name}`}
                        alt={t(
                          event.kind === "CHECK"
                            ? "orders:check.screenshotAlt"
                            : event.toStatus === "PURCHASED"
                              ? "orders:timeline.receiptPhoto"
                              : ns === "orders"
                                ? "orders:timeline.photo"
                                : "orders:timeline.evidencePhoto",
                          { index: index + 1 },
                        )}
                        width="120"
                        height="120"
                        loading="lazy"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
