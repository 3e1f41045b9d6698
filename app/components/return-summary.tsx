import type { GoodsName, RefundComputation, ReturnView } from "~/domain/returns";
import { RefundBreakdown } from "./refund-breakdown";
import { useReturnText } from "./return-text";

type SummaryEntry = {
  computation: RefundComputation;
  goods: readonly GoodsName[];
  disputeNote: string | null;
  disputeDecision: string | null;
  rejectionReason: string | null;
};

/**
 * The money of a return as its view says (domain/returns/view.ts): one headline amount, the notices
 * that explain it, the dispute's status, and the breakdown that adds up to the headline.
 */
export function ReturnRefundSummary({ entry, view }: { entry: SummaryEntry; view: ReturnView }) {
  const { t, text } = useReturnText(entry.goods);
  return (
    <>
      <p className="landed-price" data-testid="return-amount">
        {text(view.amount)}
      </p>
      {view.notices.map((notice) => (
        <p key={notice.key} className={`notice ${notice.tone}`} data-testid="return-notice">
          {text(notice)}
        </p>
      ))}
      {view.dispute ? (
        <div className="return-dispute" data-testid="dispute-status">
          <p>
            <strong>{t(`returns:dispute.status.${view.dispute.status}`)}</strong>
          </p>
          {entry.disputeNote ? <p>{t("returns:dispute.yourNote", { note: entry.disputeNote })}</p> : null}
          {entry.disputeDecision ? <p>{t("returns:dispute.decision", { note: entry.disputeDecision })}</p> : null}
        </div>
      ) : null}
      {entry.rejectionReason ? <p className="notice error">{t("returns:detail.rejected", { reason: entry.rejectionReason })}</p> : null}
      {view.breakdown === "NONE" ? null : (
        <RefundBreakdown
          computation={entry.computation}
          goods={entry.goods}
          settled={{ adjustments: view.adjustments, totalKey: view.totalKey, lines: view.lines, totalFen: view.amount.fen }}
        />
      )}
    </>
  );
}
