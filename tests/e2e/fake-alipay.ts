import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

// A stand-in for Alipay's gateway on loopback, only for end-to-end tests (the app's server is another
// process, so msw cannot answer for it). It checks that the cashier link is signed with the app's key,
// shows a cashier page, and when "paid" sends the browser back first and Alipay's signed notification
// a moment later — so the return page must wait for the notification, as with the real Alipay. Its
// trade query answers "waiting" until the notification has been sent. A refund (alipay.trade.refund)
// is answered "money moved" and followed by its own signed notification, as Alipay sends one. A day's
// trade bill (a ZIP the test puts in `bills`) is served through the signed download-URL query;
// without one, "no bill".

type Trade = {
  outTradeNo: string;
  totalAmount: string;
  subject: string;
  notifyUrl: string;
  returnUrl: string;
  tradeNo?: string;
  notified?: boolean;
  refundedFen?: number;
};

export type FakeAlipay = {
  gateway: string;
  env: Record<string, string>;
  /** What our notify URL answered each notification, the refunds' ones with their out_biz_no. */
  notices: { reply: string; refund?: string }[];
  bills: Map<string, Uint8Array>;
  close: () => Promise<void>;
};

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

export async function startFakeAlipay(keyDir: string, options: { notifyDelayMs?: number } = {}): Promise<FakeAlipay> {
  const app = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const alipay = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  fs.mkdirSync(keyDir, { recursive: true });
  fs.writeFileSync(path.join(keyDir, "app.pem"), app.privateKey.export({ type: "pkcs8", format: "pem" }));
  fs.writeFileSync(path.join(keyDir, "alipay.pem"), alipay.publicKey.export({ type: "spki", format: "pem" }));
  const appId = "2021000000000002";
  const sellerId = "2088000000000002";
  const trades = new Map<string, Trade>();
  const notices: FakeAlipay["notices"] = [];
  const bills = new Map<string, Uint8Array>();

  const signContent = (fields: Record<string, string>, skip: string[]) =>
    Object.keys(fields)
      .filter((key) => !skip.includes(key) && fields[key] !== "")
      .sort()
      .map((key) => `${key}=${fields[key]}`)
      .join("&");
  const signedByApp = (fields: Record<string, string>) =>
    crypto.verify("RSA-SHA256", Buffer.from(signContent(fields, ["sign"])), app.publicKey, Buffer.from(fields.sign ?? "", "base64"));
  const alipaySign = (content: string) => crypto.sign("RSA-SHA256", Buffer.from(content), alipay.privateKey).toString("base64");

  async function sendNotice(trade: Trade, refund?: { outBizNo: string }) {
    const fields: Record<string, string> = {
      notify_time: "2026-12-04 14:30:00",
      notify_type: "trade_status_sync",
      notify_id: crypto.randomUUID().replaceAll("-", ""),
      app_id: appId,
      charset: "utf-8",
      version: "1.0",
      seller_id: sellerId,
      out_trade_no: trade.outTradeNo,
      trade_no: trade.tradeNo ?? "",
      trade_status: "TRADE_SUCCESS",
      total_amount: trade.totalAmount,
      ...(refund ? { out_biz_no: refund.outBizNo, refund_fee: yuan(trade.refundedFen ?? 0), gmt_refund: "2026-12-04 15:00:00" } : {}),
    };
    const body = new URLSearchParams({ ...fields, sign: alipaySign(signContent(fields, ["sign", "sign_type"])), sign_type: "RSA2" });
    const response = await fetch(trade.notifyUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body,
    });
    notices.push({ reply: await response.text(), ...(refund ? { refund: refund.outBizNo } : {}) });
    trade.notified = true;
  }

  let port = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fields = Object.fromEntries(url.searchParams);
    if (req.method === "GET" && url.pathname === "/gateway.do" && fields.method === "alipay.trade.query") {
      const outTradeNo = (JSON.parse(fields.biz_content ?? "{}") as { out_trade_no?: string }).out_trade_no ?? "";
      const trade = trades.get(outTradeNo);
      const answer = JSON.stringify(
        !signedByApp(fields) || !trade
          ? { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST" }
          : {
              code: "10000",
              msg: "Success",
              out_trade_no: outTradeNo,
              trade_no: trade.tradeNo ?? "",
              trade_status: trade.notified ? "TRADE_SUCCESS" : "WAIT_BUYER_PAY",
              total_amount: trade.totalAmount,
            },
      );
      res.writeHead(200, { "Content-Type": "text/html;charset=utf-8" });
      return res.end(`{"alipay_trade_query_response":${answer},"sign":"${alipaySign(answer)}"}`);
    }

    if (req.method === "GET" && url.pathname === "/gateway.do" && fields.method === "alipay.trade.refund") {
      const biz = JSON.parse(fields.biz_content ?? "{}") as { out_trade_no?: string; out_request_no?: string; refund_amount?: string };
      const trade = trades.get(biz.out_trade_no ?? "");
      const amountFen = Math.round(Number(biz.refund_amount) * 100);
      const refusal = !signedByApp(fields) || !trade?.notified ? "ACQ.TRADE_NOT_EXIST" : null;
      if (trade && !refusal) trade.refundedFen = (trade.refundedFen ?? 0) + amountFen;
      const answer = JSON.stringify(
        refusal || !trade
          ? { code: "40004", msg: "Business Failed", sub_code: refusal }
          : {
              code: "10000",
              msg: "Success",
              out_trade_no: trade.outTradeNo,
              trade_no: trade.tradeNo,
              fund_change: "Y",
              refund_fee: yuan(trade.refundedFen ?? 0),
            },
      );
      if (trade && !refusal) setTimeout(() => void sendNotice(trade, { outBizNo: biz.out_request_no ?? "" }), 500);
      res.writeHead(200, { "Content-Type": "text/html;charset=utf-8" });
      return res.end(`{"alipay_trade_refund_response":${answer},"sign":"${alipaySign(answer)}"}`);
    }
    if (req.method === "GET" && url.pathname === "/gateway.do" && fields.method === "alipay.data.dataservice.bill.downloadurl.query") {
      const billDate = (JSON.parse(fields.biz_content ?? "{}") as { bill_date?: string }).bill_date ?? "";
      if (!signedByApp(fields)) {
        res.writeHead(400, { "Content-Type": "text/plain" });
        return res.end("bad signature");
      }
      const answer = JSON.stringify(
        bills.has(billDate)
          ? { code: "10000", msg: "Success", bill_download_url: `http://127.0.0.1:${port}/bill/${billDate}.zip` }
          : { code: "40004", msg: "Business Failed", sub_code: "isp.bill_not_exist", sub_msg: "账单不存在" },
      );
      res.writeHead(200, { "Content-Type": "text/html;charset=utf-8" });
      return res.end(`{"alipay_data_dataservice_bill_downloadurl_query_response":${answer},"sign":"${alipaySign(answer)}"}`);
    }
    const bill = /^\/bill\/(\d{4}-\d{2}-\d{2})\.zip$/.exec(url.pathname);
    if (req.method === "GET" && bill && bills.has(bill[1] ?? "")) {
      res.writeHead(200, { "Content-Type": "application/zip" });
      return res.end(bills.get(bill[1] ?? ""));
    }
    if (req.method === "GET" && url.pathname === "/gateway.do") {
      if (!signedByApp(fields)) {
        res.writeHead(400, { "Content-Type": "text/plain" });
        return res.end("bad signature");
      }
      const biz = JSON.parse(fields.biz_content ?? "{}") as { out_trade_no: string; total_amount: string; subject: string };
      trades.set(biz.out_trade_no, {
        outTradeNo: biz.out_trade_no,
        totalAmount: biz.total_amount,
        subject: biz.subject,
        notifyUrl: fields.notify_url ?? "",
        returnUrl: fields.return_url ?? "",
      });
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>模拟支付宝收银台</title></head>
<body><h1>模拟支付宝收银台</h1><p>${biz.subject}</p><p data-testid="cashier-amount">¥${biz.total_amount}</p>
<form method="post" action="/pay"><input type="hidden" name="out_trade_no" value="${biz.out_trade_no}"><button type="submit">确认付款</button></form></body></html>`);
    }
    if (req.method === "POST" && url.pathname === "/pay") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const trade = trades.get(new URLSearchParams(body).get("out_trade_no") ?? "");
        if (!trade) {
          res.writeHead(404);
          return res.end("no such trade");
        }
        trade.tradeNo = `2026120422${crypto.randomInt(100_000_000, 999_999_999)}`;
        // Back to the shop first; the notification follows, as it may with the real Alipay.
        setTimeout(() => void sendNotice(trade), options.notifyDelayMs ?? 2_000);
        res.writeHead(302, { Location: `${trade.returnUrl}?out_trade_no=${trade.outTradeNo}` });
        res.end();
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  const gateway = `http://127.0.0.1:${port}/gateway.do`;
  return {
    gateway,
    notices,
    bills,
    env: {
      ALIPAY_APP_ID: appId,
      ALIPAY_SELLER_ID: sellerId,
      ALIPAY_PRIVATE_KEY_FILE: path.join(keyDir, "app.pem"),
      ALIPAY_PUBLIC_KEY_FILE: path.join(keyDir, "alipay.pem"),
      ALIPAY_GATEWAY: gateway,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
