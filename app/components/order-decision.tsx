import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DifferenceLine } from "~/domain/orders/cost-difference";
import type { PriceCheckRecord } from "~/domain/orders/price-check";
import { fromFen } from "~/domain/landed-cost/money";
import { formatMoney } from "~/utils/format";

/**
 * The shopper's choice while the order waits for them, before anything is bought abroad: the old and
 * new quote line by line, then confirm (only the difference is charged) or cancel (a full refund);
 * out of stock: cancel, or wait for a restock.
 */
export function ShopperDecision({
  version,
  check,
  lines,
  offeredTotal,
  paidFen,
  balanceFen,
}: {
  version: number;
  check: PriceCheckRecord;
  lines: DifferenceLine[] | null;
  offeredTotal: string | null;
  paidFen: number;
  balanceFen: number | null;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const busy = useNavigation().state === "submitting";
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", locale);
  const canConfirm = check.outcome === "PRICE_ROSE" && check.newQuoteId !== null && lines !== null && offeredTotal !== null;
  return (
    <section className="notice warning" aria-labelledby="decision-title" data-testid="shopper-decision">
      <h2 id="decision-title">{t(`orders:decision.title.${check.outcome === "OUT_OF_STOCK" ? "OUT_OF_STOCK" : "PRICE_ROSE"}`)}</h2>
      <p>
        <strong>{t("orders:decision.nothingBought")}</strong>
      </p>
      <p>{t(`orders:decision.explain.${check.outcome}`, { extra: cny(check.extraFen), paid: cny(paidFen) })}</p>
      {canConfirm ? (
        <>
          <div className="table-wrap">
            <table data-testid="quote-comparison">
              <caption>{t("orders:decision.compare")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("orders:decision.line")}</th>
                  <th scope="col" className="num">
                    {t("orders:decision.old")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders:decision.new")}
                  </th>
                  <th scope="col" className="num">
                    {t("orders:decision.delta")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.code}>
                    <th scope="row">{t(`quote:lines.${line.code}`)}</th>
                    <td className="num">{formatMoney(line.old, "CNY", locale)}</td>
                    <td className="num">{formatMoney(line.new, "CNY", locale)}</td>
                    <td className="num">{formatMoney(line.delta, "CNY", locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("orders:decision.total")}</th>
                  <td className="num">{cny(paidFen)}</td>
                  <td className="num" data-testid="offered-total">
                    {formatMoney(offeredTotal, "CNY", locale)}
                  </td>
                  <td className="num">{cny(check.extraFen)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="transition" />
            <input type="hidden" name="to" value="PURCHASING" />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="acceptedQuoteId" value={check.newQuoteId ?? ""} />
            <button type="submit" className="button primary" disabled={busy}>
              {t("orders:decision.confirm", { extra: cny(check.extraFen) })}
            </button>
          </Form>
          {balanceFen !== null && balanceFen < check.extraFen ? (
            <p className="muted">
              {t("orders:decision.lowBalance", { balance: cny(balanceFen) })} <Link to="/wallet">{t("orders:checkout.topUp")}</Link>
            </p>
          ) : null}
        </>
      ) : null}
      {check.outcome === "OUT_OF_STOCK" ? (
        check.waiting ? (
          <p data-testid="waiting-restock">{t("orders:decision.waiting")}</p>
        ) : (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="wait-restock" />
            <input type="hidden" name="version" value={version} />
            <button type="submit" className="button" disabled={busy}>
              {t("orders:decision.wait")}
            </button>
          </Form>
        )
      ) : null}
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="transition" />
        <input type="hidden" name="to" value="CANCELLED" />
        <input type="hidden" name="version" value={version} />
        <button type="submit" className="button" disabled={busy}>
          {t("orders:decision.cancel", { paid: cny(paidFen) })}
        </button>
      </Form>
    </section>
  );
}
