import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import onHeaders from "on-headers";

const SESSION_COOKIE = /(?:^|;\s*)__session=/;

/** A fresh nonce per response: Remix's inline scripts and the inlined stylesheets carry it, and the CSP allows only those. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

const responseNonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;

/**
 * Helmet's headers, with a Content-Security-Policy that allows scripts and styles only from this
 * origin and the inline ones with this response's nonce (Remix's scripts, the inlined stylesheets).
 * No page is framed (frame-ancestors 'none', X-Frame-Options DENY). Product photos may come from the stores' own CDNs (img-src https:). HSTS
 * and upgrade-insecure-requests only when the shop is served over https (APP_ORIGIN=https://…): on
 * plain http they would break the embedded default on localhost.
 */
export function securityHeaders({ https }: { https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", responseNonce],
        styleSrc: ["'self'", responseNonce],
        imgSrc: ["'self'", "data:", "https:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Account data never lands in a shared or browser cache: any response to a signed-in request (or
 * one that sets the session cookie) that did not choose its own caching is `private, no-store`. It is
 * decided as the headers go out, so it also covers Remix's resource routes and thrown Responses.
 */
export function privateByDefault(req: Request, res: Response, next: NextFunction) {
  const signedIn = SESSION_COOKIE.test(req.headers.cookie ?? "");
  onHeaders(res, function setCacheControl() {
    if (res.getHeader("Cache-Control") !== undefined) return;
    const setsSession = [res.getHeader("Set-Cookie") ?? []].flat().some((cookie) => String(cookie).startsWith("__session="));
    if (signedIn || setsSession) res.setHeader("Cache-Control", "private, no-store");
  });
  next();
}
