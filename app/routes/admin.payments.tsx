import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fromFen } from "~/domain/landed-cost/money";
import { FLAGGED_NOTICE_OUTCOMES } from "~/domain/payments/flagged-notices";
import { listFlaggedNotices, listStalledRefunds } from "~/services/payment-notices.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

// Payment notifications an admin must read (app/domain/payments/flagged-notices.ts says which). Read
// only: the money already is where the notification's judgement put it. An unknown filter is a 400.

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-payments") }];

const querySchema = z.object({ outcome: z.union([z.literal(""), z.enum(FLAGGED_NOTICE_OUTCOMES)]).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Unknown notification outcome", { status: 400 });
  const outcome = query.data.outcome || null;
  const [flagged, stalledRefunds] = await Promise.all([listFlaggedNotices({ outcome }), listStalledRefunds()]);
  return json({ outcome, ...flagged, stalledRefunds });
}

export default function AdminPayments() {
  const { outcome, counts, notices, stalledRefunds } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section className="page" aria-labelledby="payments-title">
      <h1 id="payments-title">{t("wallet:notices.title")}</h1>
      <p className="muted">{t("wallet:notices.intro")}</p>
      {stalledRefunds.length > 0 ? (
        <section aria-labelledby="stalled-refunds-title" data-testid="stalled-refunds">
          <h2 id="stalled-refunds-title">{t("wallet:notices.stalled.title")}</h2>
          <p className="muted">{t("wallet:notices.stalled.intro")}</p>
          <ul className="notification-list">
            {stalledRefunds.map((refund) => (
              <li key={refund.id}>
                <p>
                  <strong>{formatMoney(fromFen(refund.amountFen), "CNY", i18n.language)}</strong> ·{" "}
                  {t(`wallet:notices.provider.${refund.trade.provider}`)} · {refund.trade.user.name} &lt;
                  {refund.trade.user.email}&gt; · <Link to={`/orders/${refund.orderId}`}>{t("wallet:notices.order")}</Link>
                </p>
                <p className="muted">
                  {t("wallet:notices.stalled.attempts", {
                    attempts: refund.attempts,
                    since: formatDateTime(refund.createdAt, i18n.language),
                    next: formatDateTime(refund.nextAttemptAt, i18n.language),
                  })}
                </p>
                <dl className="facts">
                  <dt>{t("wallet:notices.stalled.request")}</dt>
                  <dd>
                    {refund.outRequestNo} · {refund.trade.outTradeNo}
                  </dd>
                  {refund.lastError ? (
                    <>
                      <dt>{t("wallet:notices.detail")}</dt>
                      <dd>
                        <code>{refund.lastError}</code>
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="inline-form">
        <label htmlFor="notice-outcome">{t("wallet:notices.filter")}</label>
        <select id="notice-outcome" name="outcome" defaultValue={outcome ?? ""}>
          <option value="">{t("wallet:notices.all")}</option>
          {FLAGGED_NOTICE_OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {t(`wallet:notices.outcome.${value}`)} ({counts[value]})
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("wallet:notices.apply")}
        </button>
      </Form>
      {notices.length === 0 ? <p className="empty">{t("wallet:notices.empty")}</p> : null}
      <ul className="notification-list">
        {notices.map((notice) => (
          <li key={notice.id}>
            <p>
              <strong>{t(`wallet:notices.outcome.${notice.outcome}`)}</strong> · {t(`wallet:notices.provider.${notice.provider}`)} ·{" "}
              {formatDateTime(notice.receivedAt, i18n.language)}
            </p>
            <p className="muted">{t(`wallet:notices.meaning.${notice.outcome}`)}</p>
            <dl className="facts">
              <dt>{t("wallet:notices.outTradeNo")}</dt>
              <dd>{notice.outTradeNo ?? "—"}</dd>
              <dt>{t("wallet:notices.providerTradeNo")}</dt>
              <dd>{notice.providerTradeNo ?? "—"}</dd>
              <dt>{t("wallet:notices.reported")}</dt>
              <dd>
                {notice.tradeStatus ?? "—"} · {notice.amount ?? "—"}
              </dd>
              {notice.trade ? (
                <>
                  <dt>{t("wallet:notices.trade")}</dt>
                  <dd>
                    {t(`wallet:notices.purpose.${notice.trade.purpose}`)} ·{" "}
                    {formatMoney(fromFen(notice.trade.amountFen), "CNY", i18n.language)} ·{" "}
                    {t(`wallet:notices.status.${notice.trade.status}`)} · {notice.trade.user.name} &lt;{notice.trade.user.email}&gt;
                    {notice.trade.orderId ? (
                      <>
                        {" "}
                        · <Link to={`/orders/${notice.trade.orderId}`}>{t("wallet:notices.order")}</Link>
                      </>
                    ) : null}
                  </dd>
                </>
              ) : null}
              {notice.detail ? (
                <>
                  <dt>{t("wallet:notices.detail")}</dt>
                  <dd>
                    <code>{notice.detail}</code>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
