import type { NextFunction, Request, Response } from "express";
import { describe, expect, test } from "vitest";
import { requestGuards } from "~/server/request-guards";

// The guard in front of Remix: which paths take photo-sized bodies, and which may be posted from
// outside our pages (the quote API, Alipay's notifications) — everything else is same-origin only.

const guard = requestGuards({ maxBodyBytes: 1_000_000, uploadMaxBodyBytes: 31_000_000, appOrigin: "https://shop.example" });

function run(path: string, headers: Record<string, string>) {
  const req = {
    method: "POST",
    originalUrl: path,
    path,
    protocol: "https",
    hostname: "shop.example",
    headers: { host: "shop.example", ...headers },
    socket: {},
  } as unknown as Request;
  let status = 0;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    type: () => res,
    set: () => res,
    send: () => res,
  } as unknown as Response;
  let passed = false;
  guard(req, res, (() => (passed = true)) as NextFunction);
  return passed ? "next" : status;
}

const own = { origin: "https://shop.example" };

describe("request guards", () => {
  test.each(["/orders/o1", "/orders/o1/return", "/orders/o1/review", "/orders/o1/complaint", "/returns/r1", "/complaints/c1"])(
    "%s takes a body of several photos",
    (path) => {
      expect(run(path, { ...own, "content-length": "12000000" })).toBe("next");
    },
  );

  test("other pages refuse a body over the form limit with 413", () => {
    expect(run("/wallet", { ...own, "content-length": "2000000" })).toBe(413);
    expect(run("/orders/o1/complaint/extra", { ...own, "content-length": "2000000" })).toBe(413);
  });

  test("Alipay's and WeChat Pay's notifications and the quote API may come from elsewhere; a page's form may not", () => {
    expect(run("/payments/alipay/notify", { "content-length": "900" })).toBe("next");
    expect(run("/payments/wechat/notify", { "content-length": "900" })).toBe("next");
    expect(run("/payments/wechat/notify/x", { "content-length": "100" })).toBe(403);
    expect(run("/api/quotes", { origin: "https://other.example", "content-length": "100" })).toBe("next");
    expect(run("/wallet", { "content-length": "100" })).toBe(403);
    expect(run("/wallet", { origin: "https://other.example", "content-length": "100" })).toBe(403);
    expect(run("/payments/alipay/notify/x", { "content-length": "100" })).toBe(403);
  });
});

describe("one-click unsubscribe", () => {
  test("a mail client or another site's page may post it (the signed token authorizes it); its Origin is dropped for Remix", () => {
    expect(run("/unsubscribe/u1.abc.MARKETING.sig", { "content-length": "26" })).toBe("next");
    const headers: Record<string, string> = { origin: "https://mail.example", "content-length": "26" };
    const req = { method: "POST", originalUrl: "/unsubscribe/t", path: "/unsubscribe/t", protocol: "https", hostname: "shop.example" };
    const request = { ...req, headers: { host: "shop.example", ...headers }, socket: {} } as unknown as Request;
    let passed = false;
    guard(request, {} as Response, (() => (passed = true)) as NextFunction);
    expect(passed).toBe(true);
    expect(request.headers.origin).toBeUndefined();
    expect(run("/unsubscribe/t/extra", { "content-length": "26" })).toBe(403);
  });
});
