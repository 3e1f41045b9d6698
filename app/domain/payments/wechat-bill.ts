import { alipayAmountFen } from "./alipay-notice";
import { billRow, MAX_BILL_FIELD_CHARS, MAX_BILL_ROWS, splitBillLine, type BillParse, type BillRow } from "./alipay-bill";

// WeChat Pay's trade bill (交易账单, bill_type ALL) as its documented format has it: UTF-8 CSV, a
// header row, one row per payment (交易状态 SUCCESS) or refund (REFUND), every value prefixed with a
// backtick (`2026-12-03 10:00:00) so a spreadsheet keeps it text, then a summary header
// (总交易单数,应结订单总金额,…) and one summary line, neither of them a trade. Columns are found by
// their header name, never by position. Amounts are in yuan ("88.00"). Read into the same BillRow
// reconcile.ts compares (alipay-bill.ts), pure and bounded: a text that is not such a bill is an error
// result naming the line, never a throw and never a partial list.

export const WECHAT_BILL_COLUMNS = {
  finishedAt: "交易时间",
  providerTradeNo: "微信订单号",
  outTradeNo: "商户订单号",
  state: "交易状态",
  refundAmount: "退款金额",
  providerRefundNo: "微信退款单号",
  refundRequestNo: "商户退款单号",
} as const;

/** The payment's amount: 订单金额 (what the shopper was asked for), or 应结订单金额 in a bill without it. */
const ORDER_AMOUNT_COLUMNS = ["订单金额", "应结订单金额"] as const;
/** The first name of the summary's header line: the trades are over. */
const SUMMARY_HEADER = "总交易单数";

/** A value as WeChat writes it, without its leading backtick. */
const unticked = (field: string) => (field.startsWith("`") ? field.slice(1).trim() : field);

/** The bill's text (UTF-8) → its rows, or the first reason it is not a bill. */
export function parseWechatBill(text: string): BillParse {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let header: Map<string, number> | null = null;
  let width = 0;
  let amountColumn = "";
  const rows: BillRow[] = [];
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "") continue;
    const fields = splitBillLine(line).map(unticked);
    if (fields.some((field) => field.length > MAX_BILL_FIELD_CHARS))
      return {
        ok: false,
        error: { code: "FIELD_TOO_LONG", message: `a value longer than ${MAX_BILL_FIELD_CHARS} characters`, line: lineNo },
      };
    if (!header) {
      header = new Map(fields.map((name, position) => [name, position]));
      width = fields.length;
      const missing: string[] = Object.values(WECHAT_BILL_COLUMNS).filter((name) => !header?.has(name));
      amountColumn = ORDER_AMOUNT_COLUMNS.find((name) => header?.has(name)) ?? "";
      if (!amountColumn) missing.push(ORDER_AMOUNT_COLUMNS.join(" / "));
      if (missing.length > 0)
        return { ok: false, error: { code: "MISSING_COLUMN", message: `the bill has no column ${missing.join(", ")}`, line: lineNo } };
      continue;
    }
    // The summary header and its one line close the bill.
    if (fields[0] === SUMMARY_HEADER) break;
    if (rows.length >= MAX_BILL_ROWS)
      return { ok: false, error: { code: "TOO_MANY_ROWS", message: `more than ${MAX_BILL_ROWS} rows`, line: lineNo } };
    if (fields.length === width + 1 && fields[width] === "") fields.pop();
    if (fields.length !== width)
      return { ok: false, error: { code: "BAD_ROW", message: `${fields.length} values where the header has ${width}`, line: lineNo } };
    const columns = header;
    const at = (name: string) => fields[columns.get(name) as number] ?? "";
    const value = (column: keyof typeof WECHAT_BILL_COLUMNS) => at(WECHAT_BILL_COLUMNS[column]);
    const state = value("state");
    const kind = state === "SUCCESS" ? "PAYMENT" : state === "REFUND" ? "REFUND" : null;
    if (!kind) return { ok: false, error: { code: "UNKNOWN_KIND", message: `交易状态 "${state}"`, line: lineNo } };
    const amountName = kind === "PAYMENT" ? amountColumn : WECHAT_BILL_COLUMNS.refundAmount;
    const amountText = at(amountName);
    const amountFen = alipayAmountFen(amountText);
    if (amountFen === null || amountFen <= 0)
      return { ok: false, error: { code: "BAD_AMOUNT", message: `${amountName} "${amountText.slice(0, 40)}"`, line: lineNo } };
    const row = billRow(
      {
        kind,
        providerTradeNo: value("providerTradeNo"),
        outTradeNo: value("outTradeNo"),
        refundRequestNo: value("refundRequestNo"),
        amountFen,
        finishedAt: value("finishedAt"),
      },
      { lineNo, refundNoName: "商户退款单号" },
    );
    if (!row.ok) return row;
    rows.push(row.row);
  }
  if (!header) return { ok: false, error: { code: "NO_HEADER", message: "no header row: this is not a trade bill" } };
  return { ok: true, rows };
}
