import type { GoodsName, RefundComputation, ReturnView } from "~/domain/returns";
import { useReturnText } from "./return-text";

type Settled = Pick<ReturnView, "adjustments" | "totalKey" | "lines"> & { totalFen: number };

/**
 * The itemized refund: every line, what happens to it (refunded, kept, deducted, paid by us), then —
 * once the return has moved on — the adjustments that lead to the amount that stands (inspection,
 * dispute, caps), and that amount as the total. Goods are named by their Chinese title and variant.
 */
export function RefundBreakdown({
  computation,
  goods,
  settled,
}: {
  computation: RefundComputation;
  goods: readonly GoodsName[];
  settled?: Settled;
}) {
  const { t, cny, nameOf } = useReturnText(goods);
  const lines =
    settled?.lines ?? computation.positions.map((position) => ({ ...position, filedFen: position.refundFen, lowered: false, dropped: [] }));
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
                  {t(`returns:treatments.${line.treatment}`)}{" "}
                  {line.amountFen > 0 ? <span className="muted">({cny(line.amountFen)})</span> : null}
                </td>
                <td className="num">{line.effectFen === 0 ? "—" : cny(line.effectFen)}</td>
              </tr>
            ))}
            {settled?.adjustments.map((adjustment) => (
              <tr key={adjustment.key} className="refund-adjustment" data-testid="refund-adjustment">
                <th scope="row">{t(adjustment.key)}</th>
                <td>—</td>
                <td className="num">{cny(adjustment.fen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t(settled?.totalKey ?? "returns:preview.refund")}
              </th>
              <td className="num">
                <strong data-testid="refund-total">{cny(settled?.totalFen ?? computation.refundFen)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <ul className="refund-units" aria-label={t("returns:lineView.title")}>
        {lines.map((line) => (
          <li key={line.position} data-testid="refund-line">
            {nameOf(line.position)} × {line.quantity}: {t("returns:preview.unitPaid", { paid: cny(line.paidFen) })} →{" "}
            <strong>{cny(line.refundFen)}</strong>
            {line.lowered ? <span className="muted"> {t("returns:lineView.filed", { filed: cny(line.filedFen) })}</span> : null}
            {line.dropped.length > 0 ? (
              <ul>
                {line.dropped.map((unit, index) => (
                  <li key={index}>
                    {t("returns:lineView.unit", {
                      condition: t(`returns:conditions.${unit.condition}`),
                      adjustment: t(`returns:adjustments.${unit.refundAdjustment}`),
                    })}
                    {unit.note ? ` · ${unit.note}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted">
        {t(
          computation.returnShippingPaidBy === "PLATFORM" ? "returns:preview.platformPaysShipping" : "returns:preview.shopperPaysShipping",
          {
            amount: cny(computation.returnShippingFen),
            grams: computation.returnChargeableGrams,
          },
        )}
      </p>
      {computation.worthFiling ? null : (
        <p className="notice warning" role="status">
          {t("returns:preview.notWorth", { deductions: cny(computation.deductionsFen), refundable: cny(computation.refundableFen) })}
        </p>
      )}
    </div>
  );
}
