import type { NextFunction, Request, Response } from "express";
import { fieldNamesProblem } from "../domain/form-limits";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The public quote API needs no session, so other sites may call it; Alipay's and WeChat Pay's servers post their
// notifications (each verified by its signature, none acting on a session); everything else is
// same-origin only.
const CROSS_ORIGIN_ALLOWED = [/^\/api\/quotes$/, /^\/payments\/alipay\/notify$/, /^\/payments\/wechat\/notify$/, /^\/unsubscribe\/[^/]+$/];
// One-click unsubscribe (RFC 8058) is posted by mail clients and webmail pages of other origins; its
// signed token authorizes it. Their Origin is dropped, or Remix would refuse the action with a 500.
const FOREIGN_ORIGIN_DROPPED = [/^\/unsubscribe\/[^/]+$/];

// Pages that take photos (warehouse, returns, reviews, complaints): their bodies may be larger (each
// photo is checked again, with a localized message, by the upload handler).
const UPLOAD_PATHS = [/^\/orders\/[^/]+(?:\/(?:return|review|complaint))?$/, /^\/returns\/[^/]+$/, /^\/complaints\/[^/]+$/];

type GuardOptions = { maxBodyBytes: number; uploadMaxBodyBytes?: number; appOrigin?: string; trustProxy?: boolean };

function reject(res: Response, status: number, zh: string, en: string) {
  res.status(status).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(`${zh}\n${en}\n`);
}

/**
 * Whether a state-changing request comes from one of our own pages. A browser names the page's
 * origin in Origin (checked exactly); when it sends none (or "null"), only Sec-Fetch-Site: same-origin vouches for
 * it. A request with neither (a foreign Referer alone, `same-site` from a sibling subdomain, a
 * script without headers) is refused.
 */
function fromOwnPage(req: Request, expectedOrigin: string) {
  const origin = req.headers.origin;
  // "null" is what a browser sends from a page with Referrer-Policy: no-referrer (the sign-up and
  // reset-link pages keep their token out of Referer): it names no origin, so Fetch Metadata decides.
  if (origin !== undefined && origin !== "null") return origin === expectedOrigin;
  return req.headers["sec-fetch-site"] === "same-origin";
}

/**
 * Runs before Remix: refuses request lines and query strings no page of ours sends (an absolute URL,
 * a host that makes no URL, array indices in the thousands), records the client address for rate
 * limits, refuses cross-site form posts (CSRF), and refuses bodies larger than the configured limit
 * before they are read.
 */
export function requestGuards({ maxBodyBytes, uploadMaxBodyBytes = maxBodyBytes, appOrigin, trustProxy = false }: GuardOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    // An absolute-form request line (`GET http://169.254.169.254/ HTTP/1.1`) is for proxies, not for us.
    if (!req.originalUrl.startsWith("/")) return reject(res, 400, "请求地址无效。", "Invalid request target.");
    let url: URL;
    try {
      // The URL Remix will build (the express adapter uses req.hostname, which follows "trust proxy").
      url = new URL(`${req.protocol}://${req.hostname || "localhost"}${req.originalUrl}`);
    } catch {
      return reject(res, 400, "请求地址无效。", "Invalid request target.");
    }
    if (fieldNamesProblem(url.searchParams.keys()) || url.search.includes("%00")) {
      return reject(res, 400, "请求参数过多或过长。", "Too many or too long query parameters.");
    }
    req.headers["x-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    // Remix compares a form post's Origin with X-Forwarded-Host (else Host) and answers a mismatch
    // with a 500. Only a proxy we trust may name the host; from anyone else the header is dropped.
    if (!trustProxy) delete req.headers["x-forwarded-host"];
    if (!BODY_METHODS.has(req.method)) return next();

    const declared = req.headers["content-length"];
    if (declared === undefined && req.headers["transfer-encoding"]) {
      return reject(res, 411, "请求必须声明长度。", "Length required.");
    }
    const limit = UPLOAD_PATHS.some((pattern) => pattern.test(req.path)) ? Math.max(maxBodyBytes, uploadMaxBodyBytes) : maxBodyBytes;
    if (declared !== undefined && Number(declared) > limit) {
      return reject(res, 413, "提交的内容过大。", "Request body too large.");
    }

    if (FOREIGN_ORIGIN_DROPPED.some((pattern) => pattern.test(req.path))) delete req.headers.origin;
    if (!CROSS_ORIGIN_ALLOWED.some((pattern) => pattern.test(req.path))) {
      if (!fromOwnPage(req, appOrigin ?? `${req.protocol}://${req.headers.host}`)) {
        return reject(res, 403, "拒绝来自其他网站的提交。", "Cross-site request refused.");
      }
      // This check is the CSRF decision. Behind a proxy that does not pass the public host on, the
      // Host header differs from APP_ORIGIN's; Remix's own comparison is told the host we verified.
      if (appOrigin && req.headers.origin === appOrigin) req.headers["x-forwarded-host"] = new URL(appOrigin).host;
      // Remix would compare "null" with the host and throw; Fetch Metadata has already vouched for it.
      if (req.headers.origin === "null") delete req.headers.origin;
    }
    next();
  };
}
