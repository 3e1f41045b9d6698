import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { chinaDay } from "~/domain/china-time";
import { fromFen } from "~/domain/landed-cost/money";
import { billDateProblem, billDateSchema, chinaDayWindow, MAX_BILL_AGE_DAYS, previousChinaDay } from "~/domain/payments/reconcile";
import {
  getReconciliationDay,
  listReconciliationRuns,
  reconcilableProviders,
  reconcileDay,
  RECONCILED_PROVIDERS,
  resolveDifference,
  type ReconcileOutcome,
  type ReconciledProvider,
} from "~/services/reconciliation.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";
import { pageTitle } from "~/utils/meta";

// The daily reconciliation of each provider's bill (Alipay, WeChat Pay) with our ledger
// (app/services/reconciliation.server.ts): the runs by day and provider, one provider's day and its
// differences (?day=…&provider=alipay|wechat), an admin marking one handled with a note, and
// reconciling a day again now, for one provider or every configured one. An unknown day or provider
// in the query or a bad form is a 400.

const PATH = "/admin/reconciliation";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin-reconciliation") }];

/** A provider as the URL and the form spell it: "alipay", "wechat" (any case). */
const providerSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(RECONCILED_PROVIDERS));
const providerParam = (provider: ReconciledProvider) => provider.toLowerCase();

const querySchema = z.object({
  day: z.union([z.literal(""), billDateSchema]).optional(),
  provider: z.union([z.literal(""), providerSchema]).optional(),
});

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("resolve"), differenceId: z.string().min(1).max(40), note: z.string().trim().min(1).max(500) }),
  // No provider: every configured one, each its own run.
  z.object({
    intent: z.literal("reconcile"),
    date: z.string().trim().max(20),
    provider: z.union([z.literal(""), providerSchema]).optional(),
  }),
]);

type ActionResult = { error: string; field?: "date" | "note"; differenceId?: string } | { message: string };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Not a day (yyyy-MM-dd) or a provider (alipay, wechat)", { status: 400 });
  const runs = await listReconciliationRuns();
  const day = query.data.day || runs[0]?.billDate || null;
  const configured = reconcilableProviders();
  // Without one named: the provider of the day's first run listed, else the first configured.
  const provider: ReconciledProvider =
    query.data.provider || runs.find((run) => run.billDate === day)?.provider || configured[0] || RECONCILED_PROVIDERS[0];
  const now = new Date();
  const oldest = chinaDayWindow(chinaDay(now)) as { from: Date };
  return json({
    runs,
    day,
    provider,
    configured,
    detail: day ? await getReconciliationDay(provider, day) : null,
    latestDay: previousChinaDay(now),
    oldestDay: chinaDay(new Date(oldest.from.getTime() - MAX_BILL_AGE_DAYS * 24 * 3_600_000)),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    const field = parsed.error.issues.some((issue) => issue.path[0] === "note") ? "note" : undefined;
    return json<ActionResult>({ error: "wallet:reconciliation.errors.invalid", field }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "resolve") {
    const outcome = await resolveDifference(admin, input.differenceId, input.note);
    if (!outcome.ok)
      return json<ActionResult>(
        { error: `wallet:reconciliation.errors.${outcome.reason}`, differenceId: input.differenceId },
        { status: outcome.reason === "notFound" ? 404 : 409 },
      );
    return json<ActionResult>({ message: "wallet:reconciliation.resolved" });
  }
  const now = new Date();
  const problem = billDateProblem(input.date, now);
  if (problem) return json<ActionResult>({ error: `wallet:reconciliation.errors.date.${problem}`, field: "date" }, { status: 400 });
  const providers = input.provider ? [input.provider] : reconcilableProviders();
  const outcomes: ReconcileOutcome[] = [];
  for (const provider of providers) outcomes.push(await reconcileDay(provider, input.date, now));
  const refused = outcomes.find((outcome) => outcome.outcome !== "done") ?? (outcomes.length === 0 ? { outcome: "unavailable" } : null);
  if (refused) return json<ActionResult>({ error: `wallet:reconciliation.errors.${refused.outcome}` }, { status: 409 });
  const query = { day: input.date, ...(input.provider ? { provider: providerParam(input.provider) } : {}) };
  return redirect(`${PATH}?${new URLSearchParams(query)}`);
}

export default function AdminReconciliation() {
  const { runs, day, provider, configured, detail, latestDay, oldestDay } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const money = (fen: number | null) => (fen === null ? "—" : formatMoney(fromFen(fen), "CNY", i18n.language));
  const error = result && "error" in result ? result : null;
  const dateError = error?.field === "date" ? error.error : null;
  return (
    <section className="page" aria-labelledby="reconciliation-title">
      <h1 id="reconciliation-title">{t("wallet:reconciliation.title")}</h1>
      <p className="muted">{t("wallet:reconciliation.intro")}</p>
      {error && !dateError ? (
        <p role="alert" className="notice error">
          {t(error.error)}
        </p>
      ) : null}
      {result && "message" in result ? (
        <p role="status" className="notice">
          {t(result.message)}
        </p>
      ) : null}

      <Form method="post" action={PATH} className="inline-form">
        <input type="hidden" name="intent" value="reconcile" />
        <label htmlFor="reconcile-date">{t("wallet:reconciliation.date")}</label>
        <input
          id="reconcile-date"
          name="date"
          type="date"
          required
          min={oldestDay}
          max={latestDay}
          defaultValue={latestDay}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? "reconcile-date-error" : undefined}
        />
        <label htmlFor="reconcile-provider">{t("wallet:reconciliation.providerLabel")}</label>
        <select id="reconcile-provider" name="provider" defaultValue="">
          <option value="">{t("wallet:reconciliation.everyProvider")}</option>
          {configured.map((id) => (
            <option key={id} value={providerParam(id)}>
              {t(`wallet:reconciliation.provider.${id}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("wallet:reconciliation.run")}
        </button>
        {dateError ? (
          <p id="reconcile-date-error" className="field-errors" role="alert">
            {t(dateError, { days: MAX_BILL_AGE_DAYS })}
          </p>
        ) : null}
      </Form>

      <h2>{t("wallet:reconciliation.runs")}</h2>
      {runs.length === 0 ? <p className="empty">{t("wallet:reconciliation.noRuns")}</p> : null}
      {runs.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("wallet:reconciliation.day")}</th>
              <th scope="col">{t("wallet:reconciliation.providerLabel")}</th>
              <th scope="col">{t("wallet:reconciliation.statusLabel")}</th>
              <th scope="col">{t("wallet:reconciliation.billRows")}</th>
              <th scope="col">{t("wallet:reconciliation.ledgerRows")}</th>
              <th scope="col">{t("wallet:reconciliation.matched")}</th>
              <th scope="col">{t("wallet:reconciliation.differences")}</th>
              <th scope="col">{t("wallet:reconciliation.finishedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} aria-current={run.billDate === day && run.provider === provider ? "true" : undefined}>
                <td>
                  <Link to={`${PATH}?${new URLSearchParams({ day: run.billDate, provider: providerParam(run.provider) })}`}>
                    {run.billDate}
                  </Link>
                </td>
                <td>{t(`wallet:reconciliation.provider.${run.provider}`)}</td>
                <td>{t(`wallet:reconciliation.status.${run.status}`)}</td>
                <td>{run.billRows}</td>
                <td>{run.ledgerRows}</td>
                <td>{run.matched}</td>
                <td>{t("wallet:reconciliation.differenceCount", { total: run.differences, open: run.open })}</td>
                <td>{run.finishedAt ? formatDateTime(run.finishedAt, i18n.language) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {day ? (
        <section aria-labelledby="reconciliation-day">
          <h2 id="reconciliation-day">
            {t("wallet:reconciliation.dayTitle", { day, provider: t(`wallet:reconciliation.provider.${provider}`) })}
          </h2>
          {!detail ? <p className="empty">{t("wallet:reconciliation.noRun")}</p> : null}
          {detail ? (
            <>
              <p>
                <strong>{t(`wallet:reconciliation.status.${detail.run.status}`)}</strong> —{" "}
                {t(`wallet:reconciliation.statusMeaning.${detail.run.status}`)}
              </p>
              {detail.run.error ? (
                <p className="notice error">
                  <code>{detail.run.error}</code>
                </p>
              ) : null}
              {detail.run.status === "MATCHED" ? <p className="empty">{t("wallet:reconciliation.noDifferences")}</p> : null}
              <ul className="notification-list">
                {detail.differences.map((difference) => (
                  <li key={difference.id}>
                    <p>
                      <strong>{t(`wallet:reconciliation.kind.${difference.kind}`)}</strong> ·{" "}
                      {t(`wallet:reconciliation.entry.${difference.entry}`)}
                      {difference.resolvedAt ? <> · {t("wallet:reconciliation.handled")}</> : null}
                    </p>
                    <p className="muted">{t(`wallet:reconciliation.meaning.${difference.kind}`)}</p>
                    <dl className="facts">
                      <dt>{t("wallet:reconciliation.outTradeNo")}</dt>
                      <dd>{difference.outTradeNo}</dd>
                      <dt>{t("wallet:reconciliation.providerTradeNo")}</dt>
                      <dd>{difference.providerTradeNo ?? "—"}</dd>
                      {difference.refundRequestNo ? (
                        <>
                          <dt>{t("wallet:reconciliation.refundRequestNo")}</dt>
                          <dd>{difference.refundRequestNo}</dd>
                        </>
                      ) : null}
                      <dt>{t("wallet:reconciliation.billAmount")}</dt>
                      <dd>
                        {money(difference.billAmountFen)}
                        {difference.billFinishedAt ? ` · ${difference.billFinishedAt}` : ""}
                      </dd>
                      <dt>{t("wallet:reconciliation.ledgerAmount")}</dt>
                      <dd>
                        {money(difference.ledgerAmountFen)}
                        {difference.ledgerAt ? ` · ${formatDateTime(difference.ledgerAt, i18n.language)}` : ""}
                      </dd>
                      {difference.trade ? (
                        <>
                          <dt>{t("wallet:reconciliation.trade")}</dt>
                          <dd>
                            {t(`wallet:notices.purpose.${difference.trade.purpose}`)} ·{" "}
                            {t(`wallet:notices.status.${difference.trade.status}`)} · {difference.trade.user.name} &lt;
                            {difference.trade.user.email}&gt;
                            {difference.trade.orderId ? (
                              <>
                                {" "}
                                · <Link to={`/orders/${difference.trade.orderId}`}>{t("wallet:notices.order")}</Link>
                              </>
                            ) : null}
                          </dd>
                        </>
                      ) : null}
                      {difference.resolvedAt ? (
                        <>
                          <dt>{t("wallet:reconciliation.resolvedBy")}</dt>
                          <dd>
                            {difference.resolvedBy ?? "—"} · {formatDateTime(difference.resolvedAt, i18n.language)}
                          </dd>
                          <dt>{t("wallet:reconciliation.note")}</dt>
                          <dd>{difference.note}</dd>
                        </>
                      ) : null}
                    </dl>
                    {difference.resolvedAt ? null : (
                      <Form
                        method="post"
                        action={`${PATH}?${new URLSearchParams({ day, provider: providerParam(provider) })}`}
                        className="inline-form"
                      >
                        <input type="hidden" name="intent" value="resolve" />
                        <input type="hidden" name="differenceId" value={difference.id} />
                        <label htmlFor={`note-${difference.id}`}>{t("wallet:reconciliation.note")}</label>
                        <input id={`note-${difference.id}`} name="note" required maxLength={500} />
                        <button type="submit" className="button small">
                          {t("wallet:reconciliation.resolve")}
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
