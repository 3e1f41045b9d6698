import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import type { RefundComputation } from "~/domain/returns";
import { formatMoney } from "~/utils/format";

/** The itemized refund: every line, what happens to it (refunded, kept, deducted, paid by us), and the total. */
export function RefundBreakdown({ computation }: { computation: RefundComputation }) {
  const { t, i18n } = useTranslation();
  const cny = (fen: number) => formatMoney(fromFen(fen), "CNY", i18n.language);
  return (
    <div className="refund-breakdown" data-testid="refund-breakdown">
      <div className="table-wrap">
        <table>
          <caption>{t("returns:preview.lines")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("returns:preview.line")}</th>
              <th scope="col">{t("returns:preview.treatment")}</th>
              <th scope="col" className="num">
                {t("returns:preview.effect")}
              </th>
            </tr>
          </thead>
          <tbody>
            {computation.lines.map((line) => (
              <tr key={line.code} className={`treatment-${line.treatment.toLowerCase()}`}>
                <th scope="row">{t(`returns:lines.${line.code}`)}</th>
                <td>
                  {t(`returns:treatments.${line.treatment}`)} {line.amountFen > 0 ? <span className="muted">({cny(line.amountFen)})</span> : null}
                </td>
                <td className="num">{line.effectFen === 0 ? "—" : cny(line.effectFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("returns:preview.refund")}
              </th>
              <td className="num">
                <strong data-testid="refund-total">{cny(computation.refundFen)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <ul className="refund-units">
        {computation.positions.map((position) => (
          <li key={position.position}>
            {position.title} × {position.quantity}: {t("returns:preview.unitPaid", { paid: cny(position.paidFen) })} → <strong>{cny(position.refundFen)}</strong>
          </li>
        ))}
      </ul>
      <p className="muted">
        {t(computation.returnShippingPaidBy === "PLATFORM" ? "returns:preview.platformPaysShipping" : "returns:preview.shopperPaysShipping", {
          amount: cny(computation.returnShippingFen),
          grams: computation.returnChargeableGrams,
        })}
      </p>
      {computation.worthFiling ? null : (
        <p className="notice warning" role="status">
          {t("returns:preview.notWorth", { deductions: cny(computation.deductionsFen), refundable: cny(computation.refundableFen) })}
        </p>
      )}
    </div>
  );
}
