import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fromFen } from "~/domain/landed-cost/money";
import { parsePurchaseEvidence } from "~/domain/orders";
import {
  getGuaranteeSettings,
  guaranteeReport,
  guaranteeSettingsSchema,
  listRefundsAwaitingApproval,
  updateGuaranteeSettings,
} from "~/services/guarantee.server";
import { decideRefund } from "~/services/order-settlement.server";
import { requireRole } from "~/utils/auth.server";
import { formatDate, formatMoney } from "~/utils/format";
import { readForm } from "~/utils/request-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const [settings, report, refunds] = await Promise.all([getGuaranteeSettings(), guaranteeReport(), listRefundsAwaitingApproval()]);
  return json({
    settings,
    report,
    refunds: refunds.map(({ purchaseEvidence, ...refund }) => ({ ...refund, evidence: parsePurchaseEvidence(purchaseEvidence) })),
  });
}

const refundSchema = z.object({
  intent: z.literal("refund"),
  orderId: z.string().min(1).max(64),
  decision: z.enum(["APPROVE", "REJECT"]),
  reason: z.string().trim().max(1000, "admin:errors.refundReasonRequired").optional(),
});

type ActionResult = { formKey: string; ok: boolean; errors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const raw = Object.fromEntries(await readForm(request));
  if (raw.intent === "settings") {
    const parsed = guaranteeSettingsSchema.safeParse(raw);
    if (!parsed.success)
      return json<ActionResult>(
        { formKey: "settings", ok: false, errors: parsed.error.flatten().fieldErrors as Record<string, string[]> },
        { status: 400 },
      );
    await updateGuaranteeSettings(admin, parsed.data);
    return json<ActionResult>({ formKey: "settings", ok: true, errors: {} });
  }
  const parsed = refundSchema.safeParse(raw);
  if (!parsed.success)
    return json<ActionResult>({ formKey: "refund", ok: false, errors: { reason: ["admin:errors.refundReasonRequired"] } }, { status: 400 });
  const formKey = `refund:${parsed.data.orderId}`;
  const decided = await decideRefund(admin, parsed.data.orderId, { decision: parsed.data.decision, reason: parsed.data.reason });
  if (decided.ok) return json<ActionResult>({ formKey, ok: true, errors: {} });
  if (decided.reason === "notFound") throw new Response("Not found", { status: 404 });
  const error = decided.reason === "reasonRequired" ? "admin:errors.refundReasonRequired" : "admin:errors.refundAlreadyDecided";
  return json<ActionResult>(
    { formKey, ok: false, errors: { reason: [error] } },
    { status: decided.reason === "reasonRequired" ? 400 : 409 },
  );
}

type Group = { key: string; totalFen: number; orderCount: number; name?: string | null };

function GroupTable({ title, groups, label }: { title: string; groups: Group[]; label: (group: Group) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin:guarantee.key")}</th>
            <th scope="col" className="num">
              {t("admin:guarantee.amount")}
            </th>
            <th scope="col" className="num">
              {t("admin:guarantee.orders")}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{label(group)}</th>
              <td className="num">{formatMoney(fromFen(group.totalFen), "CNY", i18n.language)}</td>
              <td className="num">{group.orderCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AdminGuarantee() {
  const { settings, report, refunds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", locale);
  const settingsErrors = result?.formKey === "settings" ? result.errors : {};
  const { summary } = report;
  return (
    <div className="page">
      <h1>{t("admin:guarantee.title")}</h1>
      <p className="muted">{t("admin:guarantee.intro")}</p>

      <section aria-labelledby="guarantee-settings-title">
        <h2 id="guarantee-settings-title">{t("admin:guarantee.settings")}</h2>
        {result?.formKey === "settings" && result.ok ? (
          <p role="status" className="notice success">
            {t("admin:guarantee.saved")}
          </p>
        ) : null}
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="settings" />
          <div className="form-grid">
            {(
              [
                ["priceTolerance", settings.priceToleranceFen],
                ["refundApproval", settings.refundApprovalFen],
              ] as const
            ).map(([name, fen]) => (
              <div className="field" key={name}>
                <label htmlFor={`guarantee-${name}`}>{t(`admin:guarantee.${name}`)}</label>
                <input
                  id={`guarantee-${name}`}
                  name={name}
                  inputMode="decimal"
                  defaultValue={fromFen(fen)}
                  aria-invalid={settingsErrors[name] ? true : undefined}
                  aria-describedby={`guarantee-${name}-hint${settingsErrors[name] ? ` guarantee-${name}-error` : ""}`}
                />
                <p id={`guarantee-${name}-hint`} className="muted">
                  {t(`admin:guarantee.${name}Hint`)}
                </p>
                {settingsErrors[name] ? (
                  <p id={`guarantee-${name}-error`} className="field-errors" role="alert">
                    {settingsErrors[name].map((error) => t(error)).join(" ")}
                  </p>
                ) : null}
              </div>
            ))}
          </div>
          <button type="submit" className="button primary small" disabled={busy}>
            {t("admin:guarantee.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="refunds-title">
        <h2 id="refunds-title">{t("admin:guarantee.refunds")}</h2>
        {refunds.length === 0 ? <p className="empty">{t("admin:guarantee.refundsEmpty")}</p> : null}
        <ul className="refund-approvals">
          {refunds.map((refund) => {
            const mine = result?.formKey === `refund:${refund.id}` ? result : undefined;
            return (
              <li key={refund.id} data-testid="refund-approval">
                <p>
                  <Link to={`/orders/${refund.id}`}>{refund.number}</Link>{" "}
                  {t("admin:guarantee.refundLine", {
                    store: refund.storeName,
                    amount: cny(refund.pendingRefundFen),
                    cost: refund.actualCost ?? "—",
                    currency: refund.currency,
                    foreign: refund.foreignOrderNumber ?? "—",
                  })}
                </p>
                {refund.evidence?.url ? (
                  <p>
                    <a href={refund.evidence.url} target="_blank" rel="noopener noreferrer nofollow">
                      {t("admin:guarantee.evidenceLink")}
                    </a>
                  </p>
                ) : null}
                {refund.evidence?.photos.length ? (
                  <p className="muted">{t("admin:guarantee.evidencePhotos", { count: refund.evidence.photos.length })}</p>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="refund" />
                  <input type="hidden" name="orderId" value={refund.id} />
                  <button type="submit" name="decision" value="APPROVE" className="button primary small" disabled={busy}>
                    {t("admin:guarantee.approve")}
                  </button>
                  <label htmlFor={`reason-${refund.id}`}>{t("admin:guarantee.rejectReason")}</label>
                  <input id={`reason-${refund.id}`} name="reason" maxLength={1000} aria-invalid={mine?.errors.reason ? true : undefined} />
                  <button type="submit" name="decision" value="REJECT" className="button small" disabled={busy}>
                    {t("admin:guarantee.reject")}
                  </button>
                </Form>
                {mine?.errors.reason ? (
                  <p className="field-errors" role="alert">
                    {mine.errors.reason.map((error) => t(error)).join(" ")}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="report-title">
        <h2 id="report-title">{t("admin:guarantee.report")}</h2>
        <p className="muted">{t("admin:guarantee.months", { from: formatDate(report.from, locale) })}</p>
        {summary.orderCount === 0 ? (
          <p className="empty">{t("admin:guarantee.none")}</p>
        ) : (
          <>
            <p data-testid="guarantee-total">{t("admin:guarantee.total", { amount: cny(summary.totalFen), count: summary.orderCount })}</p>
            <GroupTable title={t("admin:guarantee.byMonth")} groups={summary.byMonth} label={(group) => group.key} />
            <GroupTable title={t("admin:guarantee.byStore")} groups={summary.byStore} label={(group) => group.key} />
            <GroupTable
              title={t("admin:guarantee.byAgent")}
              groups={summary.byAgent}
              label={(group) => group.name ?? t("admin:guarantee.noAgent")}
            />
            <GroupTable
              title={t("admin:guarantee.byStage")}
              groups={summary.byStage}
              label={(group) => t(`admin:guarantee.stages.${group.key}`)}
            />
          </>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
