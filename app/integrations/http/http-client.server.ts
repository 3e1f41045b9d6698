import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { checkHost, isPublicAddress, systemResolver, type Resolver } from "./address-policy.server";
import { HostGate, type RequestGate } from "./host-gate.server";

export type FetchErrorCode =
  | "INVALID_URL"
  | "PRIVATE_ADDRESS"
  | "DNS_FAILED"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "BAD_CONTENT_TYPE"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "HTTP_ERROR"
  | "NETWORK_ERROR"
  | "TOO_MANY_REDIRECTS";

export type FetchError = { code: FetchErrorCode; message: string; status?: number; retryAfterSeconds?: number };
export type FetchOk = { ok: true; status: number; url: string; contentType: string; body: string; headers: Headers; notModified: boolean };
export type FetchResult = FetchOk | { ok: false; error: FetchError };
/** fetchBytes: the same answer, its body the bytes as they came (a ZIP file, say). */
export type FetchBytesResult = (Omit<FetchOk, "body"> & { body: Uint8Array }) | { ok: false; error: FetchError };

export type RequestOptions = {
  /** Allowed media types, e.g. ["application/json"]; anything else is BAD_CONTENT_TYPE. */
  accept?: string[];
  etag?: string | null;
  lastModified?: string | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  /** GET unless told: a POST carries `body` (a provider's JSON call), and is never redirected. */
  method?: "GET" | "POST";
  body?: string;
  /**
   * 4xx answers (but 429) come back as answers, their body read within the limit, instead of as
   * errors: for a provider that explains a refusal in a signed body (WeChat Pay).
   */
  clientErrorsAsAnswers?: boolean;
};

export type HttpClientOptions = {
  userAgent: string;
  allowPrivate: boolean;
  resolver?: Resolver;
  gate?: RequestGate;
  timeoutMs?: number;
  maxBytes?: number;
  retries?: number;
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails with RATE_LIMITED instead. */
  maxRetryAfterMs?: number;
  maxRedirects?: number;
};

const RETRYABLE = new Set([500, 502, 503, 504, 429]);

class BodyTooLarge extends Error {}

// Not awaited: some streams settle their cancel only when the producer notices, and we are done with it.
function discard(response: Response) {
  void response.body?.cancel().catch(() => undefined);
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw new BodyTooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

// The address is checked again when the socket connects, so a DNS answer that changes between
// our check and the connection (rebinding) cannot reach a private address either.
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((entry) => !isPublicAddress(entry.address));
    if (bad) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: "EPRIVATE" }), "", 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no addresses`), { code: "ENOTFOUND" }), "", 4);
    callback(null, first.address, first.family);
  });
};

export function createHttpClient(options: HttpClientOptions) {
  const resolver = options.resolver ?? systemResolver;
  const gate: RequestGate = options.gate ?? new HostGate({ concurrency: 2, intervalMs: 250 });
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const dispatcher = options.allowPrivate ? undefined : new Agent({ connect: { lookup: guardedLookup } });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function checkUrl(raw: string): Promise<{ ok: true; url: URL } | { ok: false; error: FetchError }> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, error: { code: "INVALID_URL", message: `not a URL: ${raw.slice(0, 200)}` } };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, error: { code: "INVALID_URL", message: `only http and https links can be imported, not ${url.protocol}` } };
    }
    if (url.username || url.password) return { ok: false, error: { code: "INVALID_URL", message: "links with credentials are refused" } };
    if (!options.allowPrivate) {
      const check = await checkHost(url.hostname, resolver);
      if (!check.ok) return { ok: false, error: { code: check.code, message: check.message } };
    }
    return { ok: true, url };
  }

  /** One attempt, following redirects by hand so that every hop passes the address check. */
  async function attempt(start: URL, request: RequestOptions): Promise<{ response: Response; url: URL } | { error: FetchError }> {
    let url = start;
    for (let hop = 0; hop <= maxRedirects; hop += 1) {
      const headers: Record<string, string> = {
        "User-Agent": options.userAgent,
        Accept: request.accept?.join(", ") ?? "*/*",
        ...request.headers,
      };
      if (request.etag) headers["If-None-Match"] = request.etag;
      if (request.lastModified) headers["If-Modified-Since"] = request.lastModified;
      const timeout = AbortSignal.timeout(request.timeoutMs ?? options.timeoutMs ?? 10_000);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      const response = await fetch(url, {
        method: request.method ?? "GET",
        ...(request.body !== undefined ? { body: request.body } : {}),
        headers,
        redirect: "manual",
        signal,
        ...(dispatcher ? { dispatcher } : {}),
      } as RequestInit);
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        discard(response);
        if (request.method === "POST")
          return { error: { code: "HTTP_ERROR", message: `${url.host} redirected a POST`, status: response.status } };
        const location = response.headers.get("location");
        if (!location)
          return { error: { code: "HTTP_ERROR", message: `redirect without a location from ${url.host}`, status: response.status } };
        const next = await checkUrl(new URL(location, url).toString());
        if (!next.ok) return { error: next.error };
        url = next.url;
        continue;
      }
      return { response, url };
    }
    return { error: { code: "TOO_MANY_REDIRECTS", message: `more than ${maxRedirects} redirects from ${start.host}` } };
  }

  async function fetchBody<B>(
    raw: string,
    request: RequestOptions,
    decode: (bytes: Buffer) => B,
  ): Promise<(Omit<FetchOk, "body"> & { body: B }) | { ok: false; error: FetchError }> {
    const checked = await checkUrl(raw);
    if (!checked.ok) return checked;
    const host = checked.url.host;
    let lastError: FetchError = { code: "NETWORK_ERROR", message: "no attempt made" };
    for (let attemptNo = 0; attemptNo <= retries; attemptNo += 1) {
      if (attemptNo > 0) await sleep(backoffMs * 2 ** (attemptNo - 1) * (0.75 + Math.random() * 0.5));
      const release = await gate.acquire(host);
      try {
        const outcome = await attempt(checked.url, request);
        if ("error" in outcome) return { ok: false, error: outcome.error };
        const { response, url } = outcome;
        if (response.status === 304) {
          const body = decode(Buffer.alloc(0));
          return { ok: true, status: 304, url: url.toString(), contentType: "", body, headers: response.headers, notModified: true };
        }
        if (RETRYABLE.has(response.status)) {
          discard(response);
          const wait = retryAfterMs(response.headers.get("retry-after"));
          if (response.status === 429) {
            gate.pause(host, wait ?? backoffMs);
            lastError = {
              code: "RATE_LIMITED",
              message: `${host} asks us to slow down (429)`,
              status: 429,
              retryAfterSeconds: wait === null ? undefined : Math.ceil(wait / 1000),
            };
            if (wait !== null && wait > maxRetryAfterMs) return { ok: false, error: lastError };
            if (wait !== null && attemptNo < retries) await sleep(wait);
          } else {
            lastError = { code: "HTTP_ERROR", message: `${host} answered ${response.status}`, status: response.status };
          }
          continue;
        }
        const answered = request.clientErrorsAsAnswers && response.status >= 400 && response.status < 500;
        if (!answered && (response.status === 404 || response.status === 410)) {
          discard(response);
          return {
            ok: false,
            error: { code: "NOT_FOUND", message: `${url} no longer exists (${response.status})`, status: response.status },
          };
        }
        if (!answered && response.status >= 400) {
          discard(response);
          return { ok: false, error: { code: "HTTP_ERROR", message: `${host} answered ${response.status}`, status: response.status } };
        }
        const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        if (request.accept && !request.accept.includes(contentType)) {
          discard(response);
          return {
            ok: false,
            error: { code: "BAD_CONTENT_TYPE", message: `expected ${request.accept.join(" or ")}, got ${contentType || "nothing"}` },
          };
        }
        const body = decode(await readLimited(response, request.maxBytes ?? options.maxBytes ?? 5_000_000));
        return { ok: true, status: response.status, url: url.toString(), contentType, body, headers: response.headers, notModified: false };
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return { ok: false, error: { code: "TOO_LARGE", message: `the response from ${host} is larger than allowed` } };
        }
        const name = (error as Error).name;
        if (request.signal?.aborted) return { ok: false, error: { code: "TIMEOUT", message: "cancelled" } };
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        if (cause === "EPRIVATE")
          return { ok: false, error: { code: "PRIVATE_ADDRESS", message: `${host} resolves to a private address` } };
        lastError =
          name === "TimeoutError" || name === "AbortError"
            ? { code: "TIMEOUT", message: `${host} did not answer in time` }
            : { code: "NETWORK_ERROR", message: `${host}: ${(error as Error).message}` };
      } finally {
        release();
      }
    }
    return { ok: false, error: lastError };
  }

  const fetchText = (raw: string, request: RequestOptions = {}): Promise<FetchResult> =>
    fetchBody(raw, request, (bytes) => new TextDecoder("utf-8").decode(bytes));
  /** As fetchText, the body left as bytes: the same checks, limits and retries. */
  const fetchBytes = (raw: string, request: RequestOptions = {}): Promise<FetchBytesResult> =>
    fetchBody(raw, request, (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));

  return { fetchText, fetchBytes, gate };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
