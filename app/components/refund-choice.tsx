import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fromFen } from "~/domain/landed-cost/money";
import { formatDateTime, formatMoney } from "~/utils/format";

type Refund = { id: string; amountFen: number; status: "PENDING" | "SUCCEEDED" | "TO_WALLET"; createdAt: string; settledAt: string | null };

/**
 * Where this order's refunds go, for its shopper: the wallet (at once) or back to the Alipay or WeChat
 * Pay payment that paid it; and each refund sent back with where it stands. A plain form: it works
 * without JavaScript.
 */
export function RefundChoice({
  canChoose,
  refundTo,
  provider,
  refunds,
  error,
}: {
  canChoose: boolean;
  refundTo: "WALLET" | "ORIGINAL";
  /** WECHAT: "back to the original payment" is worded 原路退回微信支付 (the i18next context "wechat"). */
  provider?: "ALIPAY" | "WECHAT" | null;
  refunds: Refund[];
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const context = provider === "WECHAT" ? { context: "wechat" } : {};
  if (!canChoose && refunds.length === 0) return null;
  return (
    <section aria-labelledby="refund-choice-title" data-testid="refund-choice">
      <h2 id="refund-choice-title">{t("wallet:refundTo.title")}</h2>
      {canChoose ? (
        <Form method="post" className="refund-choice">
          <input type="hidden" name="intent" value="refund-to" />
          <fieldset aria-describedby={error ? "refund-choice-error" : undefined}>
            <legend className="muted">{t("wallet:refundTo.legend")}</legend>
            {(["WALLET", "ORIGINAL"] as const).map((destination) => (
              <label key={destination} className="choice">
                <input type="radio" name="refundTo" value={destination} defaultChecked={refundTo === destination} />{" "}
                {t(`wallet:refundTo.${destination}`, context)}
              </label>
            ))}
          </fieldset>
          {error ? (
            <p id="refund-choice-error" className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null}
          <button type="submit" className="button secondary" data-testid="refund-to-save">
            {t("wallet:refundTo.save")}
          </button>
        </Form>
      ) : null}
      {refunds.length > 0 ? (
        <ul className="plain-list" data-testid="provider-refunds">
          {refunds.map((refund) => (
            <li key={refund.id} data-status={refund.status}>
              {t(`wallet:refundTo.status.${refund.status}`, { amount: formatMoney(fromFen(refund.amountFen), "CNY", locale), ...context })}{" "}
              <time className="muted" dateTime={refund.settledAt ?? refund.createdAt}>
                {formatDateTime(refund.settledAt ?? refund.createdAt, locale)}
              </time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
