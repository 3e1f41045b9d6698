import type { NextFunction, Request, Response } from "express";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// The public quote API needs no session, so other sites may call it; everything else is same-origin only.
const CROSS_ORIGIN_ALLOWED = [/^\/api\/quotes$/];

// Order pages take warehouse photos: their bodies may be larger (each photo is checked again, with a
// localized message, by the upload handler).
const UPLOAD_PATHS = [/^\/orders\/[^/]+(?:\/return)?$/, /^\/returns\/[^/]+$/];

type GuardOptions = { maxBodyBytes: number; uploadMaxBodyBytes?: number; appOrigin?: string };

function reject(res: Response, status: number, zh: string, en: string) {
  res.status(status).type("text/plain; charset=utf-8").send(`${zh}\n${en}\n`);
}

/**
 * Runs before Remix: records the client address for rate limits, refuses cross-site form posts
 * (CSRF), and refuses bodies larger than the configured limit before they are read.
 */
export function requestGuards({ maxBodyBytes, uploadMaxBodyBytes = maxBodyBytes, appOrigin }: GuardOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    req.headers["x-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    if (!BODY_METHODS.has(req.method)) return next();

    const declared = req.headers["content-length"];
    if (declared === undefined && req.headers["transfer-encoding"]) {
      return reject(res, 411, "请求必须声明长度。", "Length required.");
    }
    const limit = UPLOAD_PATHS.some((pattern) => pattern.test(req.path)) ? Math.max(maxBodyBytes, uploadMaxBodyBytes) : maxBodyBytes;
    if (declared !== undefined && Number(declared) > limit) {
      return reject(res, 413, "提交的内容过大。", "Request body too large.");
    }

    if (!CROSS_ORIGIN_ALLOWED.some((pattern) => pattern.test(req.path))) {
      const origin = req.headers.origin;
      const expected = appOrigin ?? `${req.protocol}://${req.headers.host}`;
      const crossSite = origin ? origin !== expected : req.headers["sec-fetch-site"] === "cross-site";
      if (crossSite) return reject(res, 403, "拒绝来自其他网站的提交。", "Cross-site request refused.");
    }
    next();
  };
}
