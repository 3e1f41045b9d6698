import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
// The app itself, compiled into this same bundle (remix.config.js `server`): the routes, the worker
// and this file share one copy of every module, so per-process state (the store politeness gate,
// caches, the quote batcher, the database client) exists once.
import * as build from "@remix-run/dev/server-build";
import compression from "compression";
import { MAX_PHOTOS_PER_FORM } from "~/domain/orders/photos";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import { processHolder } from "../../jobs/holder";
import { startWorker } from "../../jobs/worker";
import type { Env } from "../utils/env.server";
import { logger } from "../utils/logger.server";
import { requestGuards } from "./request-guards";
import { cspNonce, privateByDefault, securityHeaders } from "./security-headers";

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** What every loader and action gets as `context` (read by app/entry.server.tsx). */
export type RequestContext = { cspNonce: string; requestId: string };

/** The express app around the Remix handler, and the inline worker unless WORKER=off. */
export function startWebServer(env: Env) {
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", true);
  app.use(
    pinoHttp({
      logger,
      // A proxy we trust may hand us its request id, so one id follows the request through both logs.
      genReqId(req, res) {
        const forwarded = env.TRUST_PROXY ? req.headers["x-request-id"] : undefined;
        const id = typeof forwarded === "string" && REQUEST_ID.test(forwarded) ? forwarded : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(cspNonce, securityHeaders({ https: env.APP_ORIGIN?.startsWith("https://") ?? false }), privateByDefault);
  // Live order timelines (text/event-stream) must reach the browser as they are written, unbuffered.
  app.use(
    compression({
      filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
    }),
  );
  app.use(
    requestGuards({
      maxBodyBytes: env.MAX_BODY_BYTES,
      uploadMaxBodyBytes: env.UPLOAD_MAX_BYTES * MAX_PHOTOS_PER_FORM + env.MAX_BODY_BYTES,
      appOrigin: env.APP_ORIGIN,
      trustProxy: env.TRUST_PROXY,
    }),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      // Always the production server mode: an error's message and stack never reach a browser, in
      // development either (the log has them, with the request id).
      mode: "production",
      getLoadContext: (req, res): RequestContext => ({ cspNonce: res.locals.cspNonce as string, requestId: String(req.id) }),
    }),
  );
  // Whatever escapes Remix (it should be nothing): logged with its request id, answered without details.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    req.log.error({ err: error }, "unhandled server error");
    if (res.headersSent) return res.destroy();
    res.status(500).type("text/plain; charset=utf-8").send("服务器出错了，请稍后再试。\nSomething went wrong; please try again later.\n");
  });

  const server = app.listen(env.PORT, () => {
    logger.info(`Daigou web app listening on http://localhost:${env.PORT} (${env.NODE_ENV})`);
  });
  // A client trickling its headers is dropped after 15 s (Node's default waits 60); a whole request,
  // photos included, may take 5 minutes (slow phones upload 25 MB). Neither blocks anyone else.
  server.headersTimeout = 15_000;
  server.requestTimeout = 300_000;

  // The embedded default runs the scheduled jobs in this process; WORKER=off leaves them to `npm run worker`.
  const worker = env.WORKER === "inline" ? startWorker({ holder: processHolder("web") }) : null;

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void worker?.stop();
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}
