import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TMP_DIR } from "../db-template";
import { startServer, type RunningServer } from "../server-process";
import { DEMO, setupBrowser } from "./browser";

// The shop as an attacker meets it: a production-mode server (as deployed behind https), every
// route that has an action, and bodies no page of ours sends. Nothing may answer 5xx, stall, or
// show a stack; the headers must make every page safe to serve.

const APP_ORIGIN = "https://shop.example";
let server: RunningServer;
const cookies: Record<"shopper" | "agent" | "admin", string> = { shopper: "", agent: "", admin: "" };

async function send(pathname: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", APP_ORIGIN);
  return fetch(`${server.baseUrl}${pathname}`, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
}

async function logIn(email: string) {
  const response = await send("/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO.password, redirectTo: "/" }),
  });
  expect(response.status).toBe(302);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Every route module that handles a POST, as a path with real ids from the seeded database. */
function actionPaths(databaseFile: string) {
  const db = new Database(databaseFile, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get() as { id: string } | undefined)?.id ?? "missing";
  const ids: Record<string, string> = {
    orders: one(`SELECT id FROM "Order" LIMIT 1`),
    returns: one(`SELECT id FROM "ReturnRequest" LIMIT 1`),
    listings: one(`SELECT id FROM "Listing" WHERE status = 'PUBLISHED' LIMIT 1`),
    review: one(`SELECT id FROM "Listing" LIMIT 1`),
  };
  db.close();
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((file) => /export (async )?function action\b/.test(fs.readFileSync(path.join(dir, file), "utf8")))
    .map((file) => {
      const segments = file.replace(/\.tsx?$/, "").split(".");
      return (
        "/" +
        segments
          .filter((segment) => segment !== "_index")
          .map((segment, index) => {
            const name = segment.replace(/_$/, "");
            if (name === "$") return "no-such-page";
            if (!name.startsWith("$")) return name;
            const parent = segments[index - 1] ?? "";
            return ids[parent] ?? "x";
          })
          .join("/")
      );
    });
}

const boundary = "----fuzz-boundary";
const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--${boundary}--\r\n`;
const BAD_BODIES: { label: string; type?: string; body: string | Blob }[] = [
  { label: "JSON", type: "application/json", body: '{"intent":"x","items":[1]}' },
  { label: "text/plain", type: "text/plain", body: "intent=x" },
  { label: "XML", type: "application/xml", body: "<intent>x</intent>" },
  { label: "no content type", body: new Blob(["intent=x"]) },
  { label: "multipart without boundary", type: "multipart/form-data", body: multipart },
  { label: "multipart with a wrong boundary", type: "multipart/form-data; boundary=other", body: multipart },
  { label: "multipart cut short", type: `multipart/form-data; boundary=${boundary}`, body: multipart.slice(0, 40) },
  { label: "a huge array index", type: "application/x-www-form-urlencoded", body: "zz[100000000]=1&intent=x" },
  { label: "2,000 fields", type: "application/x-www-form-urlencoded", body: Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join("&") },
  { label: "a NUL in a value", type: "application/x-www-form-urlencoded", body: "intent=x%00y&email=a%00@b.c&q=%00" },
  {
    label: "hex and blank numbers",
    type: "application/x-www-form-urlencoded",
    body: "intent=update&quantity=0x1F&version=%20%20&days=1e9",
  },
];

beforeAll(async () => {
  server = await startServer({
    databaseFile: path.join(TMP_DIR, "e2e-hardening.db"),
    env: {
      NODE_ENV: "production",
      APP_ORIGIN,
      SESSION_SECRET: "hardening-session-secret-0123456789",
      IDENTITY_KEY: crypto.randomBytes(32).toString("base64"),
      WORKER: "off",
      RATE_LIMITS: "off",
      LOG_LEVEL: "warn",
      UPLOAD_DIR: path.join(TMP_DIR, "e2e-hardening-uploads"),
    },
  });
  cookies.shopper = await logIn(DEMO.shopper);
  cookies.agent = await logIn(DEMO.agent);
  cookies.admin = await logIn(DEMO.admin);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("no request body makes a 5xx", () => {
  test("every action, every role, every broken body: a 4xx (or the page's own answer), never a 5xx or a stack", async () => {
    // /logout last: posting to it (any body) ends the session the other posts run under.
    const paths = [...actionPaths(server.databaseFile).filter((p) => p !== "/logout"), "/logout"];
    expect(paths).toEqual(
      expect.arrayContaining([
        "/login",
        "/cart",
        "/checkout",
        "/wallet",
        "/admin/jobs",
        "/orders/" + paths.find((p) => p.startsWith("/orders/"))?.split("/")[2],
      ]),
    );
    const failures: string[] = [];
    for (const role of ["anonymous", "shopper", "agent", "admin"] as const) {
      if (role !== "anonymous") {
        cookies[role] = await logIn(DEMO[role]);
        // The posts below run signed in (a redirect to /login would test nothing past the guard).
        expect((await send("/wallet", { cookie: cookies[role] })).status).toBe(200);
      }
      for (const pathname of paths) {
        for (const { label, type, body } of BAD_BODIES) {
          const response = await send(pathname, {
            method: "POST",
            cookie: role === "anonymous" ? undefined : cookies[role],
            headers: type ? { "Content-Type": type } : {},
            body,
          });
          const text = await response.text();
          if (response.status >= 500 || /\n\s+at \S+ \(|node_modules|\/app\/routes\//.test(text)) {
            failures.push(`${role} POST ${pathname} (${label}): ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    for (const role of ["shopper", "agent", "admin"] as const) cookies[role] = await logIn(DEMO[role]);
  });

  test("a form page refuses JSON with 415 and a broken multipart body with 400, on the localized error page", async () => {
    const json = await send("/cart", {
      method: "POST",
      cookie: cookies.shopper,
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("提交的内容不是表单。");
    const cut = await send("/wallet", {
      method: "POST",
      cookie: cookies.shopper,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart.slice(0, 40),
    });
    expect(cut.status).toBe(400);
    expect(await cut.text()).toContain("提交的表单不完整或已损坏");
  });

  test("methods a page does not handle are 405; a page without an action refuses POST with 405", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(
        (
          await send("/orders", {
            method,
            cookie: cookies.shopper,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "a=1",
          })
        ).status,
      ).toBe(405);
    }
    // The audit log has no action (the outbox has one now: retry).
    const audit = await send("/admin/audit", {
      method: "POST",
      cookie: cookies.admin,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(audit.status).toBe(405);
    // A page with an action answers a body it cannot read with 400, not a 5xx.
    const outbox = await send("/admin/outbox", {
      method: "POST",
      cookie: cookies.admin,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(outbox.status).toBe(400);
  });

  test("query strings: huge array indices, NUL and an absolute request line are 400 at once", async () => {
    const started = Date.now();
    const quote = await send("/quote?items[1000000].price=1");
    expect(quote.status).toBe(400);
    expect(Number(quote.headers.get("content-length") ?? (await quote.text()).length)).toBeLessThan(1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await send("/search?q=a%00b")).status).toBe(400);
    expect((await send(`/search?${Array.from({ length: 1_500 }, (_, i) => `f${i}=1`).join("&")}`)).status).toBe(400);
    // The request line's absolute form is for proxies: `GET http://169.254.169.254/ HTTP/1.1`.
    const raw = await rawRequest(
      `GET http://169.254.169.254/latest/meta-data HTTP/1.1\r\nHost: 169.254.169.254\r\nConnection: close\r\n\r\n`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).not.toMatch(/at \S+ \(/);
  });

  test("the quote API answers 400 for every out-of-range number", async () => {
    const item = { title: "x", price: "10.00", currency: "USD", quantity: 1, weightGrams: 500, taxCategory: "clothing" };
    for (const change of [
      { price: "999999999999999.999999999999" },
      { weightGrams: 1e308 },
      { dimensionsCm: [1e300, 1e300, 1e300] },
      { domesticShipping: "999999999999999.99" },
      { quantity: 9007199254740991 },
      { title: "a\u0000b" },
    ]) {
      const response = await send("/api/quotes", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ request: { items: [{ ...item, ...change }] } }),
      });
      expect({ change, status: response.status }).toEqual({ change, status: 400 });
      expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/INVALID_INPUT|AMOUNT_TOO_LARGE/);
    }
  });
});

describe("cross-site requests", () => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  test("no Origin and a foreign Referer, or Sec-Fetch-Site same-site, is refused; same-origin passes", async () => {
    const noOrigin = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/cart`, {
        method: "POST",
        headers: { ...form, Cookie: cookies.shopper, ...headers },
        body: "intent=x",
        redirect: "manual",
      });
    expect((await noOrigin({ Referer: "https://evil.example/page" })).status).toBe(403);
    expect((await noOrigin({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    expect((await noOrigin({})).status).toBe(403);
    expect((await noOrigin({ Origin: "https://evil.example" })).status).toBe(403);
    expect((await noOrigin({ "Sec-Fetch-Site": "same-origin" })).status).toBeLessThan(403);
    // Origin "null" (a page with Referrer-Policy: no-referrer) names no origin: Fetch Metadata decides.
    expect((await noOrigin({ Origin: "null" })).status).toBe(403);
    expect((await noOrigin({ Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).toBeLessThan(403);
    expect((await noOrigin({ Origin: APP_ORIGIN })).status).toBeLessThan(403);
    // Remix compares Origin with X-Forwarded-Host itself and would answer a mismatch with a 500.
    expect((await noOrigin({ Origin: APP_ORIGIN, "X-Forwarded-Host": "evil.example" })).status).toBeLessThan(500);
  });
});

describe("headers on a production server", () => {
  test("every page: CSP with a fresh nonce on each inline script and stylesheet, no framing, nosniff, referrer policy, HSTS", async () => {
    const first = await send("/");
    const second = await send("/");
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(csp).toMatch(/style-src 'self' 'nonce-/);
    expect(csp).not.toContain("unsafe-inline");
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    // The site's stylesheets come inline (one round trip less before the first paint), each with the nonce.
    const styles = [...html.matchAll(/<style\b[^>]*>/g)].map((match) => match[0]);
    expect(styles).toHaveLength(2);
    for (const tag of styles) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(first.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });

  test("pages with account data are private, no-store; a public page for a visitor is not", async () => {
    for (const pathname of ["/wallet", "/orders", "/account", "/"]) {
      expect((await send(pathname, { cookie: cookies.shopper })).headers.get("cache-control")).toBe("private, no-store");
    }
    expect((await send("/")).headers.get("cache-control")).not.toBe("private, no-store");
  });
});

describe("in Chromium", () => {
  const browser = setupBrowser();
  test("the policy blocks nothing of ours: pages hydrate with no CSP violation", async () => {
    const context = await browser.context();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/");
    await page.goto("/quote");
    await page.getByRole("link", { name: /登录/ }).first().click();
    await page.waitForURL(/\/login/);
    expect(violations).toEqual([]);
    // The inlined stylesheets apply (the skip link is moved off screen, flex body) and survive a
    // client navigation: hydration keeps the text the server sent.
    const styled = await page.evaluate(() => ({
      inline: document.querySelectorAll("style[data-href]").length,
      skipLink: getComputedStyle(document.querySelector(".skip-link")!).position,
      body: getComputedStyle(document.body).display,
      filled: [...document.querySelectorAll("style[data-href]")].every((style) => (style.textContent ?? "").length > 1000),
    }));
    expect(styled).toEqual({ inline: 2, skipLink: "absolute", body: "flex", filled: true });
    await context.close();
  });
});

async function rawRequest(text: string): Promise<string> {
  const net = await import("node:net");
  const url = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error("raw request timed out")));
  });
}
