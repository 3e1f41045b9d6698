import { ALIPAY_APP_ID, ALIPAY_GATEWAY, ALIPAY_SELLER_ID, keys } from "./alipay-test-keys";
import crypto from "node:crypto";
import { http, HttpResponse } from "msw";
import { expect } from "vitest";
import { action as notifyAction } from "~/routes/payments.alipay.notify";
import { server } from "../mocks/server";
import { BASE, respond } from "./helpers";
import { args } from "./returns-fixtures";

// Playing Alipay in the integration tests, with the keys alipay-test-keys.ts generates: signed
// notifications posted to our notify route, and signed gateway answers served by msw.

/** Alipay's signature: RSA2 over the fields but sign and sign_type, sorted, "k=v" joined with "&". */
export function alipaySign(fields: Record<string, string>) {
  const content = Object.keys(fields)
    .filter((key) => key !== "sign" && key !== "sign_type" && fields[key] !== "")
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
  return crypto.sign("RSA-SHA256", Buffer.from(content, "utf8"), keys.alipayPrivate).toString("base64");
}

/** Is a request we sent (the cashier link, a gateway call) signed by the app's key? */
export function signedByApp(params: URLSearchParams) {
  const fields = Object.fromEntries(params);
  const content = Object.keys(fields)
    .filter((key) => key !== "sign")
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("&");
  return crypto.verify("RSA-SHA256", Buffer.from(content, "utf8"), keys.appPublic, Buffer.from(fields.sign ?? "", "base64"));
}

/** A trade notification as Alipay posts it, signed; `tamper` changes fields after signing. */
export function notice(
  trade: { outTradeNo: string },
  overrides: Record<string, string> = {},
  tamper: Record<string, string> = {},
): Record<string, string> {
  const fields: Record<string, string> = {
    notify_time: "2026-12-04 14:30:00",
    notify_type: "trade_status_sync",
    notify_id: crypto.randomUUID().replaceAll("-", ""),
    app_id: ALIPAY_APP_ID,
    charset: "utf-8",
    version: "1.0",
    seller_id: ALIPAY_SELLER_ID,
    out_trade_no: trade.outTradeNo,
    trade_no: `2026120422001${crypto.randomInt(10_000_000, 99_999_999)}`,
    trade_status: "TRADE_SUCCESS",
    total_amount: "88.00",
    gmt_payment: "2026-12-04 14:29:58",
    ...overrides,
  };
  return { ...fields, sign: alipaySign(fields), sign_type: "RSA2", ...tamper };
}

/** Posts a notification to our notify route; returns what we answered Alipay. */
export async function notify(fields: Record<string, string>) {
  const request = new Request(`${BASE}/payments/alipay/notify`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams(fields).toString(),
  });
  const response = await respond(() => notifyAction(args(request)));
  expect(response.status).toBe(200);
  return response.text();
}

/**
 * Answers one gateway method as Alipay would (code 10000 unless the answer says otherwise), signed
 * unless `unsigned`, or with a signature over something else (`badSign`). Other methods fall through
 * to the handlers registered before. Returns the biz_content of every call it answered.
 */
export function answerGateway(
  method: string,
  answer: Record<string, string> | ((biz: Record<string, string>) => Record<string, string>),
  options: { badSign?: boolean; unsigned?: boolean } = {},
) {
  const calls: Record<string, string>[] = [];
  server.use(
    http.get(ALIPAY_GATEWAY, ({ request }) => {
      const params = new URL(request.url).searchParams;
      if (params.get("method") !== method) return undefined;
      if (!signedByApp(params)) return new HttpResponse("unsigned", { status: 400 });
      const biz = JSON.parse(params.get("biz_content") ?? "{}") as Record<string, string>;
      calls.push(biz);
      const inner = JSON.stringify({ code: "10000", msg: "Success", ...(typeof answer === "function" ? answer(biz) : answer) });
      const sign = options.badSign
        ? alipaySign({ other: "content" })
        : crypto.sign("RSA-SHA256", Buffer.from(inner), keys.alipayPrivate).toString("base64");
      const key = `${method.replaceAll(".", "_")}_response`;
      return new HttpResponse(`{"${key}":${inner}${options.unsigned ? "" : `,"sign":"${sign}"`}}`, {
        headers: { "Content-Type": "text/html;charset=utf-8" },
      });
    }),
  );
  return calls;
}

/** "88.00" for 8800 fen. */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
