import {
  keys,
  WECHATPAY_API_V3_KEY,
  WECHATPAY_APP_ID,
  WECHATPAY_BASE_URL,
  WECHATPAY_MCH_ID,
  WECHATPAY_MCH_SERIAL,
  WECHATPAY_PUBLIC_KEY_ID,
} from "./wechat-test-keys";
import crypto from "node:crypto";
import { http, HttpResponse } from "msw";
import { encryptResource } from "../support/wechat-encrypt";
import { action as notifyAction } from "~/routes/payments.wechat.notify";
import { server } from "../mocks/server";
import { BASE, respond } from "./helpers";
import { args } from "./returns-fixtures";

// Playing WeChat Pay in the integration tests, with the keys wechat-test-keys.ts generates: signed
// (and encrypted) notifications posted to our notify route, and signed API answers served by msw
// after it has checked our request's signature.

type SignOptions = { key?: crypto.KeyObject; serial?: string; timestamp?: number };

/** The Wechatpay-* headers WeChat Pay puts on a body it sends. */
export function wechatHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(16).toString("hex");
  const signature = crypto
    .sign("RSA-SHA256", Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), options.key ?? keys.wechatPrivate)
    .toString("base64");
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": signature,
    "Wechatpay-Serial": options.serial ?? WECHATPAY_PUBLIC_KEY_ID,
  };
}

/** A paid transaction of our trade as WeChat Pay describes it; `overrides` changes any field. */
export function transaction(trade: { outTradeNo: string; amountFen: number }, overrides: Record<string, unknown> = {}) {
  return {
    appid: WECHATPAY_APP_ID,
    mchid: WECHATPAY_MCH_ID,
    out_trade_no: trade.outTradeNo,
    transaction_id: `42000${crypto.randomInt(100_000_000, 999_999_999)}`,
    trade_type: "NATIVE",
    trade_state: "SUCCESS",
    trade_state_desc: "支付成功",
    bank_type: "OTHERS",
    success_time: "2026-12-04T14:29:58+08:00",
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    amount: { total: trade.amountFen, payer_total: trade.amountFen, currency: "CNY", payer_currency: "CNY" },
    ...overrides,
  };
}

/** A notification body: the event with its resource encrypted under our APIv3 key. */
export function noticeBody(eventType: string, resource: unknown, options: { key?: string } = {}) {
  const associated = eventType.startsWith("REFUND") ? "refund" : "transaction";
  const sealed = encryptResource(
    options.key ?? WECHATPAY_API_V3_KEY,
    JSON.stringify(resource),
    crypto.randomBytes(6).toString("hex"),
    associated,
  );
  return JSON.stringify({
    id: crypto.randomUUID(),
    create_time: "2026-12-04T14:30:00+08:00",
    resource_type: "encrypt-resource",
    event_type: eventType,
    summary: eventType.startsWith("REFUND") ? "退款成功" : "支付成功",
    resource: { original_type: associated, ...sealed },
  });
}

/** Posts a notification to our notify route as WeChat Pay does; returns our answer's status and body. */
export async function notifyWechat(body: string, headers: Record<string, string> = wechatHeaders(body)) {
  const request = new Request(`${BASE}/payments/wechat/notify`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
  const response = await respond(() => notifyAction(args(request)));
  return { status: response.status, body: await response.text() };
}

/** Is this request of ours signed by the merchant's key, as API v3 wants? */
export function signedByMerchant(request: { method: string; url: string; headers: Headers }, body: string) {
  const authorization = request.headers.get("Authorization") ?? "";
  if (!authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")) return false;
  const fields = Object.fromEntries([...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  if (fields.mchid !== WECHATPAY_MCH_ID || fields.serial_no !== WECHATPAY_MCH_SERIAL) return false;
  const url = new URL(request.url);
  const message = `${request.method}\n${url.pathname}${url.search}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
  return crypto.verify("RSA-SHA256", Buffer.from(message), keys.merchantPublic, Buffer.from(fields.signature ?? "", "base64"));
}

type Answer = { status?: number; body: Record<string, unknown> | null; sign?: "ok" | "bad" | "none" };

/**
 * Answers one API endpoint as WeChat Pay would, signed with its key (or badly, or not at all), after
 * checking our signature (an unsigned request gets 401). Returns the calls it answered: their path
 * and JSON body.
 */
export function answerWechat(
  method: "GET" | "POST",
  path: string,
  answer: Answer | ((call: { url: URL; body: Record<string, unknown> }) => Answer),
) {
  const calls: { url: URL; body: Record<string, unknown> }[] = [];
  const handler = method === "GET" ? http.get : http.post;
  server.use(
    handler(`${WECHATPAY_BASE_URL}${path}`, async ({ request }) => {
      const text = await request.text();
      if (!signedByMerchant(request, text)) return HttpResponse.json({ code: "SIGN_ERROR", message: "签名错误" }, { status: 401 });
      const call = { url: new URL(request.url), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      calls.push(call);
      const chosen = typeof answer === "function" ? answer(call) : answer;
      const body = chosen.body === null ? "" : JSON.stringify(chosen.body);
      const signed =
        chosen.sign === "none"
          ? {}
          : chosen.sign === "bad"
            ? wechatHeaders(body, { key: crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey })
            : wechatHeaders(body);
      return new HttpResponse(body || null, {
        status: chosen.status ?? 200,
        headers: { ...(body ? { "Content-Type": "application/json" } : {}), ...signed },
      });
    }),
  );
  return calls;
}
