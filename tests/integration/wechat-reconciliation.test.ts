import { ALIPAY_GATEWAY, keys as alipayKeys } from "./alipay-test-keys";
import { keys, WECHATPAY_BASE_URL } from "./wechat-test-keys";
import crypto from "node:crypto";
import fs from "node:fs";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chinaDayWindow, previousChinaDay } from "~/domain/payments/reconcile";
import { action, loader } from "~/routes/admin.reconciliation";
import { reconcileDay } from "~/services/reconciliation.server";
import { db } from "~/utils/db.server";
import { runPaymentsReconcileJob } from "../../jobs/payments";
import { signedByApp } from "./alipay-fixtures";
import { wechatBillCsv, type WechatFixtureRow } from "../fixtures/wechat-bill";
import { server } from "../mocks/server";
import { answerWechat, signedByMerchant, transaction } from "./wechat-fixtures";
import { formRequest, getRequest, respond } from "./helpers";
import { sessionUser } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// WeChat Pay's daily reconciliation on a real database, beside Alipay's: msw plays WeChat Pay with
// the test key (the tradebill query's answer signed, naming the file's SHA-1; the file served, signed
// by nobody, at download_url after our signed GET), and Alipay for the day both are reconciled.
// Each test reconciles its own day (none of alipay-reconciliation.test.ts's), so one's trades are not another's.

const NOW = new Date("2026-12-04T02:15:00Z"); // 10:15 in China
const DOWNLOAD = `${WECHATPAY_BASE_URL}/v3/billdownload/file`;

type BillAnswer = {
  rows?: WechatFixtureRow[];
  csv?: string;
  /** The hash_value the signed answer names, when not the file's own SHA-1. */
  hash?: string;
  /** WeChat Pay's refusal instead of the bill: NO_STATEMENT_EXIST, STATEMENT_CREATING. */
  refusal?: string;
  sign?: "ok" | "none" | "bad";
  /** Trade queries: these trades paid, for these amounts (fen); any other ORDER_NOT_EXIST. */
  paid?: Record<string, number>;
};

/** msw as WeChat Pay for one day: the signed tradebill query, the file at download_url, and trade queries. */
function answerBill(billDate: string, answer: BillAnswer) {
  const csv = answer.csv ?? wechatBillCsv(answer.rows ?? [], { billDate });
  const downloads: string[] = [];
  const queries = answerWechat("GET", "/v3/bill/tradebill", ({ url }) => {
    if (url.searchParams.get("bill_date") !== billDate || url.searchParams.get("bill_type") !== "ALL")
      return { status: 400, body: { code: "PARAM_ERROR", message: "bill_date" } };
    if (answer.refusal) return { status: 400, body: { code: answer.refusal, message: "账单不存在" }, sign: answer.sign };
    return {
      body: {
        hash_type: "SHA1",
        hash_value: answer.hash ?? crypto.createHash("sha1").update(csv).digest("hex"),
        download_url: `${DOWNLOAD}?token=${billDate}`,
      },
      sign: answer.sign,
    };
  });
  answerWechat("GET", "/v3/pay/transactions/out-trade-no/:outTradeNo", ({ url }) => {
    const outTradeNo = decodeURIComponent(url.pathname.split("/").at(-1) ?? "");
    const amountFen = answer.paid?.[outTradeNo];
    return amountFen === undefined
      ? { status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" } }
      : { body: transaction({ outTradeNo, amountFen }) };
  });
  server.use(
    http.get(DOWNLOAD, ({ request }) => {
      if (!signedByMerchant(request, "")) return HttpResponse.json({ code: "SIGN_ERROR" }, { status: 401 });
      downloads.push(new URL(request.url).searchParams.get("token") ?? "");
      return new HttpResponse(Buffer.from(csv, "utf8"), { headers: { "Content-Type": "application/octet-stream" } });
    }),
  );
  return { queries, downloads };
}

/** msw as Alipay: a signed "no bill for that day" (isp.bill_not_exist). */
function alipayHasNoBill() {
  server.use(
    http.get(ALIPAY_GATEWAY, ({ request }) => {
      const params = new URL(request.url).searchParams;
      if (!signedByApp(params)) return new HttpResponse("unsigned", { status: 400 });
      const inner = JSON.stringify({ code: "40004", msg: "Business Failed", sub_code: "isp.bill_not_exist", sub_msg: "账单不存在" });
      const sign = crypto.sign("RSA-SHA256", Buffer.from(inner), alipayKeys.alipayPrivate).toString("base64");
      return new HttpResponse(`{"alipay_data_dataservice_bill_downloadurl_query_response":${inner},"sign":"${sign}"}`, {
        headers: { "Content-Type": "text/html;charset=utf-8" },
      });
    }),
  );
}

let shopper: Person;
let admin: Person;

/** One of our trades of `provider`, paid at `minutes` into the China day `billDate`. */
async function trade(billDate: string, amountFen: number, minutes = 600, provider = "WECHAT") {
  const day = chinaDayWindow(billDate) as { from: Date };
  const paidAt = new Date(day.from.getTime() + minutes * 60_000);
  const n = crypto.randomBytes(6).toString("hex").toUpperCase();
  return db.paymentTrade.create({
    data: {
      provider,
      outTradeNo: `TU${billDate.slice(2).replaceAll("-", "")}${n}`,
      userId: shopper.id,
      purpose: "TOPUP",
      amountFen,
      status: "PAID",
      providerTradeNo: `4200${n}`,
      paidAt,
      expiresAt: new Date(paidAt.getTime() + 30 * 60_000),
      createdAt: paidAt,
    },
  });
}
const row = (t: { outTradeNo: string; providerTradeNo: string | null }, amount: string, overrides: Partial<WechatFixtureRow> = {}) => ({
  providerTradeNo: t.providerTradeNo ?? `4200${crypto.randomBytes(6).toString("hex")}`,
  outTradeNo: t.outTradeNo,
  amount,
  ...overrides,
});

const runOf = (billDate: string, provider = "WECHAT") =>
  db.reconciliationRun.findUniqueOrThrow({ where: { provider_billDate: { provider, billDate } } });
const differencesOf = (billDate: string, provider = "WECHAT") =>
  db.reconciliationDifference.findMany({ where: { run: { billDate, provider } }, orderBy: [{ kind: "asc" }, { outTradeNo: "asc" }] });

beforeAll(async () => {
  [shopper, admin] = await Promise.all([sessionUser("SHOPPER"), sessionUser("ADMIN")]);
});
afterAll(() => {
  fs.rmSync(keys.dir, { recursive: true, force: true });
  fs.rmSync(alipayKeys.dir, { recursive: true, force: true });
});

describe("reconciling a day of WeChat Pay", () => {
  test("the bill and our ledger agree → MATCHED; the query and the download are signed, the Alipay trades are not WeChat's", async () => {
    const day = "2026-10-08";
    const [a, b] = [await trade(day, 8800), await trade(day, 12_345, 23 * 60 + 59)];
    await trade(day, 999, 600, "ALIPAY"); // Alipay's: not on WeChat Pay's bill, not missing from it
    const { queries, downloads } = answerBill(day, { rows: [row(a, "88.00"), row(b, "123.45")] });
    const progress: string[] = [];
    const outcome = await reconcileDay("WECHAT", day, NOW, (message) => progress.push(message));
    expect(outcome).toEqual({
      outcome: "done",
      billDate: day,
      status: "MATCHED",
      billRows: 2,
      ledgerRows: 2,
      matched: 2,
      differences: 0,
      error: null,
    });
    expect(queries).toHaveLength(1);
    expect(downloads).toEqual([day]);
    expect(progress[0]).toBe(`downloading WeChat Pay's bill of ${day}`);
    expect(await runOf(day)).toMatchObject({ provider: "WECHAT", status: "MATCHED" });
  });

  test("a payment we never credited, one we credited the bill lacks, an amount that differs; a refund matched by its 商户退款单号", async () => {
    const day = "2026-10-09";
    const [lacking, differing, refunded] = [await trade(day, 1500), await trade(day, 2000), await trade(day, 5000)];
    const refund = await db.paymentRefund.create({
      data: {
        tradeId: refunded.id,
        userId: shopper.id,
        orderId: "order-of-the-refund",
        outRequestNo: `RF${crypto.randomBytes(6).toString("hex").toUpperCase()}`,
        amountFen: 1250,
        reason: "cancelled",
        status: "SUCCEEDED",
        settledAt: new Date((chinaDayWindow(day) as { from: Date }).from.getTime() + 700 * 60_000),
      },
    });
    answerBill(day, {
      rows: [
        row({ outTradeNo: "TU261009NEVERCREDITED", providerTradeNo: "4200NEVER" }, "66.00"),
        row(differing, "21.00"),
        row(refunded, "50.00"),
        row(refunded, "50.00", {
          state: "REFUND",
          refundAmount: "12.50",
          refundRequestNo: refund.outRequestNo,
          providerRefundNo: "503000REFUND",
          finishedAt: `${day} 11:40:00`,
        }),
      ],
    });
    const outcome = await reconcileDay("WECHAT", day, NOW);
    expect(outcome).toMatchObject({ status: "DIFFERENCES", billRows: 4, ledgerRows: 4, matched: 2, differences: 3 });
    const differences = await differencesOf(day);
    expect(differences.map((d) => [d.kind, d.entry, d.outTradeNo, d.billAmountFen, d.ledgerAmountFen])).toEqual([
      ["AMOUNT_DIFFERS", "PAYMENT", differing.outTradeNo, 2100, 2000],
      ["MISSING_IN_BILL", "PAYMENT", lacking.outTradeNo, null, 1500],
      ["MISSING_IN_LEDGER", "PAYMENT", "TU261009NEVERCREDITED", 6600, null],
    ]);
    expect(differences.find((d) => d.kind === "MISSING_IN_LEDGER")).toMatchObject({ providerTradeNo: "4200NEVER" });
  });

  test("one we booked just after midnight that the bill lacks is asked about: paid at WeChat Pay for our amount, it is matched", async () => {
    const day = "2026-10-10";
    const justAfter = await trade(day, 700, 3);
    answerBill(day, { rows: [], paid: { [justAfter.outTradeNo]: 700 } });
    expect(await reconcileDay("WECHAT", day, NOW)).toMatchObject({ status: "MATCHED", matched: 1, differences: 0 });
    const other = "2026-10-11";
    const unknown = await trade(other, 700, 3);
    answerBill(other, { rows: [] });
    expect(await reconcileDay("WECHAT", other, NOW)).toMatchObject({ status: "DIFFERENCES", differences: 1 });
    expect((await differencesOf(other))[0]).toMatchObject({ kind: "MISSING_IN_BILL", outTradeNo: unknown.outTradeNo });
  });

  test.each([
    ["a file whose SHA-1 is not the signed hash_value", "2026-10-12", { hash: "0".repeat(40) }, "is not the hash_value"],
    ["an unsigned tradebill answer", "2026-10-13", { sign: "none" as const }, "BAD_SIGNATURE"],
    ["a badly signed tradebill answer", "2026-10-14", { sign: "bad" as const }, "BAD_SIGNATURE"],
    ["NO_STATEMENT_EXIST unsigned", "2026-10-15", { refusal: "NO_STATEMENT_EXIST", sign: "none" as const }, "NO_STATEMENT_EXIST"],
    ["a bill not ready yet (STATEMENT_CREATING)", "2026-10-16", { refusal: "STATEMENT_CREATING" }, "STATEMENT_CREATING"],
    ["a file that is not a bill", "2026-10-17", { csv: "<html>busy</html>" }, "MISSING_COLUMN"],
  ])("%s → FAILED with the reason, no differences", async (_, day, answer, reason) => {
    const ours = await trade(day, 4200);
    answerBill(day, { rows: [row({ outTradeNo: "TUELSE", providerTradeNo: "4200ELSE" }, "1.00")], ...answer });
    const outcome = await reconcileDay("WECHAT", day, NOW);
    expect(outcome).toMatchObject({ outcome: "done", status: "FAILED", differences: 0 });
    const run = await runOf(day);
    expect(run).toMatchObject({ status: "FAILED", differences: 0 });
    expect(run.error).toContain(reason);
    expect(await differencesOf(day)).toEqual([]);
    expect(ours.status).toBe("PAID");
  });

  test("NO_STATEMENT_EXIST, signed, on a day without trades of ours → MATCHED, nothing downloaded", async () => {
    const day = "2026-10-28";
    await trade(day, 999, 600, "ALIPAY");
    const { downloads } = answerBill(day, { refusal: "NO_STATEMENT_EXIST" });
    expect(await reconcileDay("WECHAT", day, NOW)).toMatchObject({ status: "MATCHED", billRows: 0, ledgerRows: 0, differences: 0 });
    expect(downloads).toEqual([]);
  });
});

describe("beside Alipay", () => {
  test("the job reconciles the day for both providers, each its own run; the admin page lists both and names the provider", async () => {
    const day = "2026-10-29";
    const ours = await trade(day, 3300);
    alipayHasNoBill();
    answerBill(day, { rows: [row(ours, "33.00")] });
    const progress: string[] = [];
    const run = await runPaymentsReconcileJob({ now: NOW, trigger: "CLI", billDate: day, onProgress: (m) => progress.push(m) });
    expect(run.outcome).toBe("OK");
    expect(run.counts).toMatchObject({
      billDate: day,
      status: "MATCHED",
      matched: 1,
      alipayStatus: "MATCHED",
      wechatStatus: "MATCHED",
      wechatMatched: 1,
    });
    expect(progress).toContain(`Alipay: downloading Alipay's bill of ${day}`);
    expect(progress).toContain(`WeChat Pay: downloading WeChat Pay's bill of ${day}`);
    const runs = await db.reconciliationRun.findMany({ where: { billDate: day }, orderBy: { provider: "asc" } });
    expect(runs.map((r) => [r.provider, r.status])).toEqual([
      ["ALIPAY", "MATCHED"],
      ["WECHAT", "MATCHED"],
    ]);

    type Page = {
      runs: { billDate: string; provider: string }[];
      provider: string;
      configured: string[];
      detail: { run: { provider: string } } | null;
    };
    const page = async (query: string) => respond(() => loader(args(getRequest(`/admin/reconciliation${query}`, admin.cookie))));
    const listed = (await (await page(`?day=${day}`)).json()) as Page;
    expect(listed.runs.filter((r) => r.billDate === day).map((r) => r.provider)).toEqual(["ALIPAY", "WECHAT"]);
    expect(listed.configured).toEqual(["ALIPAY", "WECHAT"]);
    const wechat = (await (await page(`?day=${day}&provider=wechat`)).json()) as Page;
    expect(wechat).toMatchObject({ provider: "WECHAT", detail: { run: { provider: "WECHAT" } } });
    expect((await page(`?day=${day}&provider=paypal`)).status).toBe(400);
  });

  test("reconcile this day from the page: for the provider chosen (redirected to its day), or every configured one; an unknown provider is a 400", async () => {
    const post = (fields: Record<string, string>) =>
      respond(() => action(args(formRequest("/admin/reconciliation", fields, { cookie: admin.cookie }))));
    // The form takes a finished day of the last 90, by the real clock.
    const [day, both] = [previousChinaDay(new Date(Date.now() - 3 * 86_400_000)), previousChinaDay(new Date(Date.now() - 4 * 86_400_000))];
    await db.reconciliationRun.deleteMany({ where: { billDate: { in: [day, both] } } });
    answerBill(day, { refusal: "NO_STATEMENT_EXIST" });
    const one = await post({ intent: "reconcile", date: day, provider: "wechat" });
    expect(one.status).toBe(302);
    expect(one.headers.get("Location")).toBe(`/admin/reconciliation?day=${day}&provider=wechat`);
    expect(await db.reconciliationRun.findMany({ where: { billDate: day }, select: { provider: true } })).toEqual([{ provider: "WECHAT" }]);

    alipayHasNoBill();
    answerBill(both, { refusal: "NO_STATEMENT_EXIST" });
    const every = await post({ intent: "reconcile", date: both });
    expect(every.status).toBe(302);
    expect(every.headers.get("Location")).toBe(`/admin/reconciliation?day=${both}`);
    expect(await db.reconciliationRun.count({ where: { billDate: both, status: "MATCHED" } })).toBe(2);

    expect((await post({ intent: "reconcile", date: day, provider: "paypal" })).status).toBe(400);
  });

  test("one provider failing does not stop the other: the job is FAILED, the other's run is done; --provider runs only one", async () => {
    const day = "2026-10-30";
    alipayHasNoBill();
    answerBill(day, { rows: [], sign: "none" });
    const run = await runPaymentsReconcileJob({ now: NOW, trigger: "CLI", billDate: day });
    expect(run.outcome).toBe("FAILED");
    expect(run.error).toContain("WECHAT: BAD_SIGNATURE");
    expect(run.counts).toMatchObject({ alipayStatus: "MATCHED", wechatStatus: "FAILED" });
    expect(await runOf(day, "ALIPAY")).toMatchObject({ status: "MATCHED" });

    const only = "2026-10-31";
    answerBill(only, { refusal: "NO_STATEMENT_EXIST" });
    const wechatOnly = await runPaymentsReconcileJob({ now: NOW, trigger: "CLI", billDate: only, provider: "WECHAT" });
    expect(wechatOnly.outcome).toBe("OK");
    expect(await db.reconciliationRun.findMany({ where: { billDate: only }, select: { provider: true } })).toEqual([
      { provider: "WECHAT" },
    ]);
  });
});
