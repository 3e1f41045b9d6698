import { alipayAmountFen } from "./alipay-notice";

// Alipay's trade bill (账单, bill_type "trade"), the detail file (…_业务明细.csv) as its documented
// format has it: comment lines starting with "#" before and after, then a header row and one row per
// payment or refund, comma separated, values padded with spaces or tabs. Columns are found by their
// header name, never by position (Alipay has added columns before). A refund row carries a negative
// 订单金额 and its request number in 退款批次号/请求号. Pure and bounded: a text that is not such a bill
// is an error result naming the line, never a throw and never a partial list.

export const BILL_KINDS = ["PAYMENT", "REFUND"] as const;
export type BillKind = (typeof BILL_KINDS)[number];

export type BillRow = {
  kind: BillKind;
  /** 支付宝交易号 */
  providerTradeNo: string;
  /** 商户订单号: our out_trade_no (a refund row names the trade it refunds). */
  outTradeNo: string;
  /** 订单金额（元） in fen, always positive (a refund's sign is its kind). */
  amountFen: number;
  /** 退款批次号/请求号: our out_request_no on a refund row, null on a payment. */
  refundRequestNo: string | null;
  /** 完成时间 as Alipay writes it, China time: "2026-12-03 14:30:05". */
  finishedAt: string;
};

export type BillParseError = {
  code: "NO_HEADER" | "MISSING_COLUMN" | "BAD_ROW" | "BAD_AMOUNT" | "UNKNOWN_KIND" | "TOO_MANY_ROWS" | "FIELD_TOO_LONG";
  message: string;
  line?: number;
};
export type BillParse = { ok: true; rows: BillRow[] } | { ok: false; error: BillParseError };

export const MAX_BILL_ROWS = 100_000;
export const MAX_BILL_FIELD_CHARS = 512;

export const BILL_COLUMNS = {
  providerTradeNo: "支付宝交易号",
  outTradeNo: "商户订单号",
  kind: "业务类型",
  finishedAt: "完成时间",
  amount: "订单金额（元）",
  refundRequestNo: "退款批次号/请求号",
} as const;

const KINDS: Record<string, BillKind> = { 交易: "PAYMENT", 退款: "REFUND" };

/** One CSV line's fields, trimmed of the spaces and tabs Alipay pads them with; double quotes allowed. */
export function splitBillLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        current += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"' && current.trim() === "") {
      quoted = true;
      current = "";
    } else if (char === ",") {
      fields.push(current);
      current = "";
    } else current += char;
  }
  fields.push(current);
  return fields.map((field) => field.trim());
}

/** The detail file's text (already decoded from GBK) → its rows, or the first reason it is not a bill. */
/**
 * A data row's numbers checked and made a BillRow, the same for every provider's bill: a row names
 * both trade numbers, and a refund its request number (`refundNoName`, as that bill calls it).
 */
export function billRow(
  fields: { kind: BillKind; providerTradeNo: string; outTradeNo: string; refundRequestNo: string; amountFen: number; finishedAt: string },
  where: { lineNo: number; refundNoName: string },
): { ok: true; row: BillRow } | { ok: false; error: BillParseError } {
  if (!fields.providerTradeNo || !fields.outTradeNo)
    return { ok: false, error: { code: "BAD_ROW", message: "a row without its trade numbers", line: where.lineNo } };
  if (fields.kind === "REFUND" && !fields.refundRequestNo)
    return { ok: false, error: { code: "BAD_ROW", message: `a refund row without its ${where.refundNoName}`, line: where.lineNo } };
  return { ok: true, row: { ...fields, refundRequestNo: fields.kind === "REFUND" ? fields.refundRequestNo : null } };
}

export function parseAlipayBill(text: string): BillParse {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let header: Map<string, number> | null = null;
  let width = 0;
  const rows: BillRow[] = [];
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = splitBillLine(line);
    const tooLong = fields.find((field) => field.length > MAX_BILL_FIELD_CHARS);
    if (tooLong !== undefined)
      return {
        ok: false,
        error: { code: "FIELD_TOO_LONG", message: `a value longer than ${MAX_BILL_FIELD_CHARS} characters`, line: lineNo },
      };
    if (!header) {
      header = new Map(fields.map((name, position) => [name, position]));
      width = fields.length;
      const missing = Object.values(BILL_COLUMNS).filter((name) => !header?.has(name));
      if (missing.length > 0)
        return { ok: false, error: { code: "MISSING_COLUMN", message: `the bill has no column ${missing.join(", ")}`, line: lineNo } };
      continue;
    }
    if (rows.length >= MAX_BILL_ROWS)
      return { ok: false, error: { code: "TOO_MANY_ROWS", message: `more than ${MAX_BILL_ROWS} rows`, line: lineNo } };
    // A trailing comma (an empty last value) is padding; any other count shifts every column after it.
    if (fields.length === width + 1 && fields[width] === "") fields.pop();
    if (fields.length !== width)
      return { ok: false, error: { code: "BAD_ROW", message: `${fields.length} values where the header has ${width}`, line: lineNo } };
    const columns = header;
    const value = (column: keyof typeof BILL_COLUMNS) => fields[columns.get(BILL_COLUMNS[column]) as number] ?? "";
    const kind = KINDS[value("kind")];
    if (!kind) return { ok: false, error: { code: "UNKNOWN_KIND", message: `业务类型 "${value("kind")}"`, line: lineNo } };
    const amountText = value("amount");
    const amountFen = alipayAmountFen(amountText.replace(/^[-+]/, ""));
    if (amountFen === null) return { ok: false, error: { code: "BAD_AMOUNT", message: `订单金额 "${amountText}"`, line: lineNo } };
    const row = billRow(
      {
        kind,
        providerTradeNo: value("providerTradeNo"),
        outTradeNo: value("outTradeNo"),
        refundRequestNo: value("refundRequestNo"),
        amountFen,
        finishedAt: value("finishedAt"),
      },
      { lineNo, refundNoName: "request number" },
    );
    if (!row.ok) return row;
    rows.push(row.row);
  }
  if (!header) return { ok: false, error: { code: "NO_HEADER", message: "no header row: this is not a bill's detail file" } };
  return { ok: true, rows };
}
