import { ALIPAY_GATEWAY, keys } from "./alipay-test-keys";
import crypto from "node:crypto";
import fs from "node:fs";
import { zipSync } from "fflate";
import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chinaDayWindow, previousChinaDay } from "~/domain/payments/reconcile";
import { action, loader } from "~/routes/admin.reconciliation";
import { reconcileDay, resolveDifference } from "~/services/reconciliation.server";
import { db } from "~/utils/db.server";
import { runPaymentsReconcileJob } from "../../jobs/payments";
import { signedByApp } from "./alipay-fixtures";
import { BILL_HEADER, billCsv, billZip, gbk, type FixtureRow } from "../fixtures/alipay-bill";
import { server } from "../mocks/server";
import { formRequest, getRequest, respond } from "./helpers";
import { sessionUser } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// The daily reconciliation on a real database: msw answers the signed bill download query (signed
// with this file's "Alipay" key) and serves a ZIP built here, its detail file GBK-encoded and named
// in GBK the way Alipay's are. Each test reconciles its own day, so the trades of one are not another's.

const BILL_URL = "https://dwbillcenter.alipay.test/downloadBillFile.resource";
const NOW = new Date("2026-12-04T02:15:00Z"); // 10:15 in China, when the job runs

type BillAnswer = {
  rows?: FixtureRow[];
  csv?: string;
  zip?: Uint8Array;
  notExist?: boolean;
  badSign?: boolean;
  /** What a trade query (alipay.trade.query) answers: these trades paid, for these amounts; any other does not exist. */
  paid?: Record<string, string>;
};
const asked: string[] = [];

/** msw as Alipay: the signed download-URL query for the day, then the ZIP at that URL. */
function answerBill(billDate: string, answer: BillAnswer) {
  server.use(
    http.get(ALIPAY_GATEWAY, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const biz = JSON.parse(params.get("biz_content") ?? "{}") as Record<string, string>;
      if (!signedByApp(params)) return new HttpResponse("unsigned", { status: 400 });
      if (params.get("method") === "alipay.trade.query") {
        const amount = answer.paid?.[biz.out_trade_no ?? ""];
        asked.push(`query ${biz.out_trade_no}`);
        const found = { code: "10000", msg: "Success", trade_no: "2026X", trade_status: "TRADE_SUCCESS", total_amount: amount };
        const inner = JSON.stringify(amount ? found : { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST" });
        const sign = crypto.sign("RSA-SHA256", Buffer.from(inner), keys.alipayPrivate).toString("base64");
        return new HttpResponse(`{"alipay_trade_query_response":${inner},"sign":"${sign}"}`);
      }
      if (params.get("method") !== "alipay.data.dataservice.bill.downloadurl.query") return new HttpResponse("unknown", { status: 400 });
      asked.push(`${biz.bill_type} ${biz.bill_date}`);
      const inner = JSON.stringify(
        answer.notExist
          ? { code: "40004", msg: "Business Failed", sub_code: "isp.bill_not_exist", sub_msg: "账单不存在" }
          : { code: "10000", msg: "Success", bill_download_url: `${BILL_URL}?bizType=trade&day=${biz.bill_date}&token=abc` },
      );
      const signed = answer.badSign ? "tampered" : inner;
      const sign = crypto.sign("RSA-SHA256", Buffer.from(signed), keys.alipayPrivate).toString("base64");
      return new HttpResponse(`{"alipay_data_dataservice_bill_downloadurl_query_response":${inner},"sign":"${sign}"}`, {
        headers: { "Content-Type": "text/html;charset=utf-8" },
      });
    }),
    http.get(BILL_URL, () => {
      const zip = answer.zip ?? billZip(answer.csv ?? billCsv(answer.rows ?? [], { billDate }), billDate);
      return new HttpResponse(zip, { headers: { "Content-Type": "application/octet-stream" } });
    }),
  );
}

let shopper: Person;
let admin: Person;

/** One of our Alipay trades, paid (or not) at `minutes` into the China day `billDate`. */
async function trade(billDate: string, amountFen: number, minutes = 600, status = "PAID") {
  const day = chinaDayWindow(billDate) as { from: Date };
  const paidAt = new Date(day.from.getTime() + minutes * 60_000);
  const n = crypto.randomBytes(6).toString("hex").toUpperCase();
  return db.paymentTrade.create({
    data: {
      provider: "ALIPAY",
      outTradeNo: `TU${billDate.slice(2).replaceAll("-", "")}${n}`,
      userId: shopper.id,
      purpose: "TOPUP",
      amountFen,
      status,
      providerTradeNo: status === "PAID" ? `2026${n}` : null,
      paidAt: status === "PAID" ? paidAt : null,
      expiresAt: new Date(paidAt.getTime() + 30 * 60_000),
      createdAt: paidAt,
    },
  });
}
const row = (
  t: { outTradeNo: string; providerTradeNo: string | null },
  amount: string,
  overrides: Partial<FixtureRow> = {},
): FixtureRow => ({
  providerTradeNo: t.providerTradeNo ?? `2026${crypto.randomBytes(6).toString("hex")}`,
  outTradeNo: t.outTradeNo,
  amount,
  ...overrides,
});

const runOf = (billDate: string) =>
  db.reconciliationRun.findUniqueOrThrow({ where: { provider_billDate: { provider: "ALIPAY", billDate } } });
const differencesOf = async (billDate: string) =>
  db.reconciliationDifference.findMany({ where: { run: { billDate } }, orderBy: [{ kind: "asc" }, { outTradeNo: "asc" }] });

beforeAll(async () => {
  [shopper, admin] = await Promise.all([sessionUser("SHOPPER"), sessionUser("ADMIN")]);
});
afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));

describe("reconciling a day", () => {
  test("the bill and our ledger agree → MATCHED, nothing to review; payments around midnight are on the right day", async () => {
    const day = "2026-11-08";
    const [a, b, justAfter, beforeMidnight] = [
      await trade(day, 8800),
      await trade(day, 12_345, 23 * 60 + 59),
      await trade(day, 500, 24 * 60 + 4), // Alipay finished it at 23:59:59, we booked it at 00:04 the next day
      await trade(day, 700, -2), // booked at 23:58 the day before: that day's bill has it
    ];
    answerBill(day, {
      rows: [row(a, "88.00"), row(b, "123.45"), row(justAfter, "5.00", { finishedAt: `${day} 23:59:59` })],
    });
    const progress: string[] = [];
    const outcome = await reconcileDay("ALIPAY", day, NOW, (message) => progress.push(message));
    expect(outcome).toEqual({
      outcome: "done",
      billDate: day,
      status: "MATCHED",
      billRows: 3,
      ledgerRows: 2,
      matched: 3,
      differences: 0,
      error: null,
    });
    expect(asked).toContain(`trade ${day}`);
    expect(progress[0]).toContain("downloading");
    expect(await runOf(day)).toMatchObject({ status: "MATCHED", billRows: 3, matched: 3, differences: 0, error: null });
    expect(await differencesOf(day)).toEqual([]);
    expect(beforeMidnight.status).toBe("PAID");
  });

  test("refunds paid back to Alipay are matched by their request number; one the bill lacks and one we never booked are listed", async () => {
    const day = "2026-11-27";
    const paid = await trade(day, 8800, 300);
    const refund = (amountFen: number, minutes: number, status = "SUCCEEDED") =>
      db.paymentRefund.create({
        data: {
          tradeId: paid.id,
          userId: shopper.id,
          orderId: "order-of-the-refund",
          outRequestNo: `RF${crypto.randomBytes(6).toString("hex").toUpperCase()}`,
          amountFen,
          reason: "cancelled",
          status,
          settledAt: status === "SUCCEEDED" ? new Date((chinaDayWindow(day) as { from: Date }).from.getTime() + minutes * 60_000) : null,
        },
      });
    const [matched, lacking, pending] = [await refund(2000, 600), await refund(1000, 700), await refund(500, 0, "PENDING")];
    const refundRow = (r: { outRequestNo: string }, amount: string) =>
      row(paid, amount, { kind: "退款", refundRequestNo: r.outRequestNo, finishedAt: `${day} 12:00:00` });
    // The bill: the payment, the matched refund, and a refund of a request we still hold PENDING (Alipay paid it: our books lag).
    answerBill(day, { rows: [row(paid, "88.00"), refundRow(matched, "-20.00"), refundRow(pending, "-5.00")] });
    const outcome = await reconcileDay("ALIPAY", day, NOW);
    expect(outcome).toMatchObject({ outcome: "done", status: "DIFFERENCES", billRows: 3, ledgerRows: 3, matched: 2, differences: 2 });
    const stored = await differencesOf(day);
    expect(stored.map((d) => [d.kind, d.entry, d.refundRequestNo, d.billAmountFen, d.ledgerAmountFen]).sort()).toEqual(
      [
        ["MISSING_IN_BILL", "REFUND", lacking.outRequestNo, null, 1000],
        ["MISSING_IN_LEDGER", "REFUND", pending.outRequestNo, 500, null],
      ].sort(),
    );
  });

  test("a trade the bill has that we never credited, one we credited the bill lacks, and an amount that differs", async () => {
    const day = "2026-11-11";
    const matched = await trade(day, 8800);
    const neverCredited = await trade(day, 6600, 600, "CLOSED"); // Alipay took the money, our trade closed unpaid
    const creditedOnly = await trade(day, 4200);
    const differs = await trade(day, 10_000);
    const creditedLater = await trade("2026-11-12", 300, 600); // the notification was lost: we credited it the next day
    const stranger = { outTradeNo: "TU261111NOTOURS", providerTradeNo: "2026111122001999" };
    answerBill(day, {
      rows: [row(matched, "88.00"), row(neverCredited, "66.00"), row(differs, "99.99"), row(creditedLater, "3.00"), row(stranger, "1.00")],
    });
    const outcome = await reconcileDay("ALIPAY", day, NOW);
    expect(outcome).toMatchObject({ outcome: "done", status: "DIFFERENCES", billRows: 5, matched: 2, differences: 4 });
    const stored = await differencesOf(day);
    const sorted = (rows: unknown[][]) =>
      rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1])));
    expect(sorted(stored.map((d) => [d.kind, d.outTradeNo, d.billAmountFen, d.ledgerAmountFen, d.tradeId]))).toEqual(
      sorted([
        ["AMOUNT_DIFFERS", differs.outTradeNo, 9999, 10_000, differs.id],
        ["MISSING_IN_BILL", creditedOnly.outTradeNo, null, 4200, creditedOnly.id],
        ["MISSING_IN_LEDGER", stranger.outTradeNo, 100, null, null],
        ["MISSING_IN_LEDGER", neverCredited.outTradeNo, 6600, null, neverCredited.id],
      ]),
    );
    expect(stored.find((d) => d.kind === "MISSING_IN_LEDGER" && d.outTradeNo === neverCredited.outTradeNo)).toMatchObject({
      entry: "PAYMENT",
      providerTradeNo: expect.any(String),
      billFinishedAt: `${day} 10:00:05`,
    });
    expect(await runOf(day)).toMatchObject({ status: "DIFFERENCES", differences: 4, matched: 2, ledgerRows: 3 });
  });

  test("just after midnight: one of ours the bill lacks is asked about; paid at Alipay, it is the day before's bill's", async () => {
    const before = "2026-11-24";
    const day = "2026-11-25";
    const onPreviousBill = await trade(day, 500, 3); // Alipay finished it at 23:59:58, we booked it at 00:03
    const unknownToAlipay = await trade(day, 600, 6);
    answerBill(before, { rows: [row(onPreviousBill, "5.00", { finishedAt: `${before} 23:59:58` })] });
    expect(await reconcileDay("ALIPAY", before, NOW)).toMatchObject({ status: "MATCHED", matched: 1, ledgerRows: 0 });

    answerBill(day, { rows: [], paid: { [onPreviousBill.outTradeNo]: "5.00" } });
    const outcome = await reconcileDay("ALIPAY", day, NOW);
    expect(outcome).toMatchObject({ status: "DIFFERENCES", matched: 1, differences: 1, ledgerRows: 2 });
    expect(asked).toEqual(expect.arrayContaining([`query ${onPreviousBill.outTradeNo}`, `query ${unknownToAlipay.outTradeNo}`]));
    expect(await differencesOf(day)).toEqual([
      expect.objectContaining({ kind: "MISSING_IN_BILL", outTradeNo: unknownToAlipay.outTradeNo }),
    ]);
  });

  test("re-running a day replaces its differences (never twice), keeping an admin's 'handled' on one that is unchanged", async () => {
    const day = "2026-11-13";
    const missing = await trade(day, 1000, 600, "CLOSED");
    const onlyOurs = await trade(day, 2000);
    answerBill(day, { rows: [row(missing, "10.00")] });
    await reconcileDay("ALIPAY", day, NOW);
    const [first] = (await differencesOf(day)).filter((d) => d.kind === "MISSING_IN_BILL");
    expect(await resolveDifference(admin, first?.id ?? "", "checked with Alipay: refunded on their side")).toEqual({ ok: true });

    await reconcileDay("ALIPAY", day, new Date(NOW.getTime() + 60_000));
    const again = await differencesOf(day);
    expect(again.map((d) => d.kind)).toEqual(["MISSING_IN_BILL", "MISSING_IN_LEDGER"]);
    expect(again.find((d) => d.kind === "MISSING_IN_BILL")).toMatchObject({
      outTradeNo: onlyOurs.outTradeNo,
      resolvedById: admin.id,
      note: "checked with Alipay: refunded on their side",
    });

    // The admin credits the missing payment; the next run no longer finds it.
    await db.paymentTrade.update({ where: { id: missing.id }, data: { status: "PAID", paidAt: new Date(onlyOurs.paidAt as Date) } });
    const third = await reconcileDay("ALIPAY", day, new Date(NOW.getTime() + 120_000));
    expect(third).toMatchObject({ status: "DIFFERENCES", matched: 1, differences: 1 });
    expect(await db.reconciliationRun.count({ where: { billDate: day } })).toBe(1);
    expect((await differencesOf(day)).map((d) => d.kind)).toEqual(["MISSING_IN_BILL"]);
  });

  test("no bill (isp.bill_not_exist) and none of our trades → MATCHED; with one of ours it is missing from the bill", async () => {
    answerBill("2026-11-14", { notExist: true });
    expect(await reconcileDay("ALIPAY", "2026-11-14", NOW)).toMatchObject({ status: "MATCHED", billRows: 0, differences: 0 });
    const ours = await trade("2026-11-15", 800);
    answerBill("2026-11-15", { notExist: true });
    expect(await reconcileDay("ALIPAY", "2026-11-15", NOW)).toMatchObject({ status: "DIFFERENCES", differences: 1 });
    expect(await differencesOf("2026-11-15")).toEqual([expect.objectContaining({ kind: "MISSING_IN_BILL", outTradeNo: ours.outTradeNo })]);
  });

  test.each<[string, string, BillAnswer, string]>([
    ["a bad signature on the download answer", "2026-10-01", { badSign: true }, "BAD_SIGNATURE"],
    ["a file that is not a ZIP", "2026-10-02", { zip: Uint8Array.from(crypto.randomBytes(300)) }, "MALFORMED"],
    ["a ZIP without the detail file", "2026-10-03", { zip: zipSync({ "readme.txt": gbk("hello") }) }, "detail files"],
    [
      "a detail file missing a column",
      "2026-10-04",
      { csv: billCsv([], { header: BILL_HEADER.filter((name) => name !== "订单金额（元）") }) },
      "MISSING_COLUMN",
    ],
    ["a malformed amount", "2026-10-05", { rows: [{ providerTradeNo: "2026X", outTradeNo: "TUX", amount: "12.345" }] }, "BAD_AMOUNT"],
  ])("%s → the run FAILED with the reason and no differences stored, also over an earlier run's", async (_name, day, answer, reason) => {
    await trade(day, 4400);
    answerBill(day, { rows: [] });
    expect(await reconcileDay("ALIPAY", day, NOW)).toMatchObject({ status: "DIFFERENCES", differences: 1 });

    answerBill(day, answer);
    const outcome = await reconcileDay("ALIPAY", day, new Date(NOW.getTime() + 60_000));
    expect(outcome).toMatchObject({ outcome: "done", status: "FAILED", differences: 0 });
    const run = await runOf(day);
    expect(run).toMatchObject({ status: "FAILED", differences: 0 });
    expect(run.error).toContain(reason);
    expect(await differencesOf(day)).toEqual([]);
  });

  test("a day being reconciled is not reconciled twice at once", async () => {
    const day = "2026-11-16";
    await db.reconciliationRun.create({ data: { provider: "ALIPAY", billDate: day, status: "RUNNING", startedAt: NOW } });
    expect(await reconcileDay("ALIPAY", day, new Date(NOW.getTime() + 60_000))).toEqual({ outcome: "busy" });
    // One left RUNNING by a process that died is taken over once it is stale.
    answerBill(day, { notExist: true });
    expect(await reconcileDay("ALIPAY", day, new Date(NOW.getTime() + 20 * 60_000))).toMatchObject({ status: "MATCHED" });
  });

  test("the job reconciles yesterday's China day under its lease and is recorded", async () => {
    const yesterday = previousChinaDay(NOW);
    expect(yesterday).toBe("2026-12-03");
    answerBill(yesterday, { notExist: true });
    const run = await runPaymentsReconcileJob({ now: NOW, trigger: "CLI" });
    expect(run.outcome).toBe("OK");
    expect(run.counts).toMatchObject({ billDate: yesterday, status: "MATCHED" });
    expect(await db.jobRun.findFirst({ where: { job: "payments-reconcile", outcome: "OK" } })).not.toBeNull();
  });
});

describe("the admin page", () => {
  type Page = {
    runs: { billDate: string; status: string; differences: number; open: number }[];
    day: string | null;
    detail: { run: { status: string }; differences: { id: string; kind: string; resolvedAt: string | null; note: string | null }[] } | null;
  };
  const page = async (query: string, cookie = admin.cookie) =>
    respond(() => loader(args(getRequest(`/admin/reconciliation${query}`, cookie))));
  const post = (fields: Record<string, string>, cookie = admin.cookie) =>
    respond(() => action(args(formRequest("/admin/reconciliation?day=2026-11-20", fields, { cookie }))));

  test("lists the runs newest day first and a day's differences; an admin resolves one once, a second resolve is refused", async () => {
    const day = "2026-11-20";
    const ours = await trade(day, 1500);
    answerBill(day, { rows: [row({ outTradeNo: "TU261120ELSE", providerTradeNo: "20261120X" }, "9.00")] });
    await reconcileDay("ALIPAY", day, NOW);

    const listed = (await (await page("")).json()) as Page;
    const days = listed.runs.map((run) => run.billDate);
    expect(days).toEqual([...days].sort().reverse());
    expect(listed.day).toBe(days[0]);

    const response = await page(`?day=${day}`);
    expect(response.status).toBe(200);
    const shown = (await response.json()) as Page;
    expect(shown.runs.find((run) => run.billDate === day)).toMatchObject({ status: "DIFFERENCES", differences: 2, open: 2 });
    expect(shown.detail?.differences.map((d) => d.kind).sort()).toEqual(["MISSING_IN_BILL", "MISSING_IN_LEDGER"]);
    const target = shown.detail?.differences.find((d) => d.kind === "MISSING_IN_BILL");
    expect(target).toMatchObject({ resolvedAt: null });

    const resolved = await post({ intent: "resolve", differenceId: target?.id ?? "", note: "Alipay confirmed: a sandbox payment" });
    expect(resolved.status).toBe(200);
    const twice = await post({ intent: "resolve", differenceId: target?.id ?? "", note: "me too" });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: "wallet:reconciliation.errors.alreadyResolved" });
    const after = (await (await page(`?day=${day}`)).json()) as Page;
    expect(after.detail?.differences.find((d) => d.id === target?.id)).toMatchObject({ note: "Alipay confirmed: a sandbox payment" });
    expect(after.runs.find((run) => run.billDate === day)).toMatchObject({ open: 1 });
    expect(await db.auditLog.count({ where: { entity: "ReconciliationDifference", entityId: target?.id ?? "" } })).toBe(1);
    expect(ours.status).toBe("PAID");
  });

  test("reconcile this day: a finished day runs and redirects to it; a future, unfinished or too old day is a 400", async () => {
    const yesterday = previousChinaDay(new Date());
    answerBill(yesterday, { notExist: true });
    const ran = await post({ intent: "reconcile", date: yesterday });
    expect(ran.status).toBe(302);
    expect(ran.headers.get("Location")).toBe(`/admin/reconciliation?day=${yesterday}`);
    expect(await runOf(yesterday)).toMatchObject({ status: "MATCHED" });

    for (const [date, problem] of [
      ["2999-01-01", "notFinished"],
      [previousChinaDay(new Date(Date.now() + 2 * 86_400_000)), "notFinished"],
      ["2020-01-01", "tooOld"],
      ["2026-02-30", "invalid"],
    ] as const) {
      const refused = await post({ intent: "reconcile", date });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: `wallet:reconciliation.errors.date.${problem}`, field: "date" });
    }
  });

  test("a bad query or form is a 400; a shopper gets 403", async () => {
    expect((await page("?day=yesterday")).status).toBe(400);
    expect((await page("?day=2026-13-01")).status).toBe(400);
    expect((await post({ intent: "resolve", differenceId: "x", note: "  " })).status).toBe(400);
    expect((await post({ intent: "frobnicate" })).status).toBe(400);
    expect((await post({ intent: "resolve", differenceId: "nope", note: "n" })).status).toBe(404);
    expect((await page("", shopper.cookie)).status).toBe(403);
    expect((await post({ intent: "resolve", differenceId: "x", note: "n" }, shopper.cookie)).status).toBe(403);
  });
});
