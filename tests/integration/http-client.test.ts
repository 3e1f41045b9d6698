import { delay, http, HttpResponse } from "msw";
import { describe, expect, test } from "vitest";
import { createHttpClient } from "~/integrations/http/http-client.server";
import { HostGate } from "~/integrations/http/host-gate.server";
import { isPublicAddress } from "~/integrations/http/address-policy.server";
import { server } from "../mocks/server";

// A resolver that maps the test hosts to public documentation-free addresses, or to private ones.
const resolver = async (hostname: string) => (hostname.startsWith("internal.") ? ["10.1.2.3"] : ["93.184.216.34"]);
const client = () =>
  createHttpClient({
    userAgent: "GlobalBuyBot/1.0 (+test)",
    allowPrivate: false,
    resolver,
    backoffMs: 10,
    gate: new HostGate({ concurrency: 2, intervalMs: 0 }),
  });

describe("address policy", () => {
  test.each([
    ["127.0.0.1", false],
    ["10.0.0.8", false],
    ["172.20.1.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:10.0.0.1", false],
    ["93.184.216.34", true],
    ["2606:4700::1111", true],
    ["::ffff:8.8.8.8", true],
  ])("%s public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("the store HTTP client", () => {
  test("refuses non-http schemes, credentials and private targets before any request", async () => {
    const http_ = client();
    expect(await http_.fetchText("ftp://shop.example.com/x")).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
    expect(await http_.fetchText("file:///etc/passwd")).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
    expect(await http_.fetchText("https://user:pw@shop.example.com/")).toMatchObject({ ok: false, error: { code: "INVALID_URL" } });
    expect(await http_.fetchText("http://127.0.0.1:3000/admin")).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
    expect(await http_.fetchText("http://[::1]/")).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
    expect(await http_.fetchText("https://internal.shop.example.com/")).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
  });

  test("a redirect to a private address is refused at the hop", async () => {
    server.use(
      http.get(
        "https://shop.example.com/go",
        () => new HttpResponse(null, { status: 302, headers: { Location: "http://169.254.169.254/latest/meta-data" } }),
      ),
    );
    expect(await client().fetchText("https://shop.example.com/go")).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
  });

  test("sends an honest User-Agent and conditional headers; 304 is not-modified", async () => {
    let seen: Headers | undefined;
    server.use(
      http.get("https://shop.example.com/p.json", ({ request }) => {
        seen = request.headers;
        return request.headers.get("if-none-match") === '"v1"' ? new HttpResponse(null, { status: 304 }) : HttpResponse.json({ ok: 1 });
      }),
    );
    const first = await client().fetchText("https://shop.example.com/p.json", { accept: ["application/json"] });
    expect(first).toMatchObject({ ok: true, status: 200, body: '{"ok":1}' });
    expect(seen?.get("user-agent")).toBe("GlobalBuyBot/1.0 (+test)");
    const again = await client().fetchText("https://shop.example.com/p.json", { etag: '"v1"' });
    expect(again).toMatchObject({ ok: true, notModified: true });
  });

  test("wrong content type, 404, and oversized bodies (declared or streamed) each get their code", async () => {
    server.use(
      http.get("https://shop.example.com/html", () => HttpResponse.text("<html></html>", { headers: { "Content-Type": "text/html" } })),
      http.get("https://shop.example.com/gone", () => new HttpResponse(null, { status: 404 })),
      http.get(
        "https://shop.example.com/huge",
        () => new HttpResponse("x", { headers: { "Content-Length": "2000000000", "Content-Type": "application/json" } }),
      ),
      http.get("https://shop.example.com/stream", () => {
        const stream = new ReadableStream({
          pull(controller) {
            controller.enqueue(new Uint8Array(64 * 1024));
          },
        });
        return new HttpResponse(stream, { headers: { "Content-Type": "application/json" } });
      }),
    );
    const http_ = client();
    expect(await http_.fetchText("https://shop.example.com/html", { accept: ["application/json"] })).toMatchObject({
      ok: false,
      error: { code: "BAD_CONTENT_TYPE" },
    });
    expect(await http_.fetchText("https://shop.example.com/gone")).toMatchObject({ ok: false, error: { code: "NOT_FOUND", status: 404 } });
    expect(await http_.fetchText("https://shop.example.com/huge")).toMatchObject({ ok: false, error: { code: "TOO_LARGE" } });
    expect(await http_.fetchText("https://shop.example.com/stream", { maxBytes: 1_000_000 })).toMatchObject({
      ok: false,
      error: { code: "TOO_LARGE" },
    });
  });

  test("fetchBytes hands back the bytes as they came, under the same address check and size limit", async () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0xd6, 0xa7]);
    server.use(
      http.get("https://bills.example.com/day.zip", () => new HttpResponse(bytes, { headers: { "Content-Type": "application/zip" } })),
    );
    const http_ = client();
    const fetched = await http_.fetchBytes("https://bills.example.com/day.zip");
    expect(fetched.ok && [...fetched.body]).toEqual([...bytes]);
    expect(await http_.fetchBytes("https://bills.example.com/day.zip", { maxBytes: 4 })).toMatchObject({
      ok: false,
      error: { code: "TOO_LARGE" },
    });
    expect(await http_.fetchBytes("https://internal.example.com/day.zip")).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
  });

  test("retries 5xx and a short 429 Retry-After, gives up on a long one", async () => {
    let calls = 0;
    server.use(
      http.get("https://shop.example.com/flaky", () => {
        calls += 1;
        return calls < 3
          ? new HttpResponse(null, { status: calls === 1 ? 503 : 429, headers: { "Retry-After": "0" } })
          : HttpResponse.json({ fine: true });
      }),
      http.get("https://shop.example.com/busy", () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "3600" } })),
      http.get("https://shop.example.com/down", () => new HttpResponse(null, { status: 500 })),
    );
    expect(await client().fetchText("https://shop.example.com/flaky")).toMatchObject({ ok: true, body: '{"fine":true}' });
    expect(calls).toBe(3);
    expect(await client().fetchText("https://shop.example.com/busy")).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", retryAfterSeconds: 3600 },
    });
    expect(await client().fetchText("https://shop.example.com/down")).toMatchObject({
      ok: false,
      error: { code: "HTTP_ERROR", status: 500 },
    });
  });

  test("a store that hangs times out", async () => {
    server.use(
      http.get("https://shop.example.com/hang", async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const result = await client().fetchText("https://shop.example.com/hang", { timeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, error: { code: "TIMEOUT" } });
  });

  test("never more than the per-host concurrency in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.get("https://busy.example.com/:n", async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await delay(30);
        inFlight -= 1;
        return HttpResponse.json({});
      }),
    );
    const http_ = client();
    await Promise.all(Array.from({ length: 8 }, (_, index) => http_.fetchText(`https://busy.example.com/${index}`)));
    expect(peak).toBe(2);
  });

  test("a JSON POST carries its body and headers under the same address check; 4xx answers come back when asked; a POST is never redirected", async () => {
    const seen: { method: string; body: string; type: string | null }[] = [];
    server.use(
      http.post("https://api.provider.example.com/v3/orders", async ({ request }) => {
        seen.push({ method: request.method, body: await request.text(), type: request.headers.get("content-type") });
        return HttpResponse.json({ code: "PARAM_ERROR", message: "bad" }, { status: 400 });
      }),
      http.post(
        "https://api.provider.example.com/v3/moved",
        () => new HttpResponse(null, { status: 302, headers: { Location: "/v3/orders" } }),
      ),
    );
    const http_ = client();
    const request = { method: "POST" as const, body: '{"a":1}', headers: { "Content-Type": "application/json" } };
    expect(await http_.fetchText("https://api.provider.example.com/v3/orders", request)).toMatchObject({
      ok: false,
      error: { code: "HTTP_ERROR", status: 400 },
    });
    expect(await http_.fetchText("https://api.provider.example.com/v3/orders", { ...request, clientErrorsAsAnswers: true })).toMatchObject({
      ok: true,
      status: 400,
      body: '{"code":"PARAM_ERROR","message":"bad"}',
    });
    expect(seen).toEqual(Array(2).fill({ method: "POST", body: '{"a":1}', type: "application/json" }));
    expect(await http_.fetchText("https://api.provider.example.com/v3/moved", request)).toMatchObject({
      ok: false,
      error: { code: "HTTP_ERROR" },
    });
    expect(seen).toHaveLength(2);
    expect(await http_.fetchText("https://internal.provider.example.com/v3/orders", request)).toMatchObject({
      ok: false,
      error: { code: "PRIVATE_ADDRESS" },
    });
  });
});
