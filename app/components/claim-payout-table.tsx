import { useTranslation } from "react-i18next";
import type { Payout } from "~/domain/claims";
import { fromFen } from "~/domain/landed-cost/money";
import { formatMoney } from "~/utils/format";

/**
 * The published payout table applied to one claim: per cost line what was paid for the affected goods
 * and whether the table pays it back, then the payout (and the cap, when it lowered it). The filing form
 * and the claim's page show the same table, from the same computation.
 */
export function ClaimPayoutTable({ payout, caption, testId }: { payout: Payout; caption: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const money = (fen: number) => formatMoney(fromFen(fen), "CNY", i18n.language);
  return (
    <div className="table-wrap" data-testid={testId}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("claims:table.line")}</th>
            <th scope="col" className="num">
              {t("claims:table.paid")}
            </th>
            <th scope="col" className="num">
              {t("claims:table.covered")}
            </th>
          </tr>
        </thead>
        <tbody>
          {payout.lines
            .filter((line) => line.paidFen > 0)
            .map((line) => (
              <tr key={line.code}>
                <th scope="row">{t(`quote:lines.${line.code}`)}</th>
                <td className="num">{money(line.paidFen)}</td>
                <td className="num">{line.covered ? money(line.coveredFen) : t("claims:table.notCovered")}</td>
              </tr>
            ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("claims:table.total")}</th>
            <td className="num">{money(payout.paidFen)}</td>
            <td className="num">{money(payout.coveredFen)}</td>
          </tr>
          <tr>
            <th scope="row">{t("claims:table.payout")}</th>
            <td />
            <td className="num">
              <strong data-testid={testId ? `${testId}-amount` : undefined}>{money(payout.payoutFen)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      {payout.capped && payout.capFen !== null ? <p className="muted">{t("claims:table.capped", { cap: money(payout.capFen) })}</p> : null}
    </div>
  );
}

/** What the table promises for this parcel, in one sentence. */
export function ClaimTableRule({ insured, capFen }: { insured: boolean; capFen: number }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="muted" data-testid="claim-rule">
      {insured ? t("claims:table.insured") : t("claims:table.uninsured", { cap: formatMoney(fromFen(capFen), "CNY", i18n.language) })}
    </p>
  );
}
