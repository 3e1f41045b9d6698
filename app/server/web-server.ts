import { createRequestHandler } from "@remix-run/express";
// The app itself, compiled into this same bundle (remix.config.js `server`): the routes, the worker
// and this file share one copy of every module, so per-process state (the store politeness gate,
// caches, the quote batcher, the database client) exists once.
import * as build from "@remix-run/dev/server-build";
import compression from "compression";
import { MAX_PHOTOS_PER_FORM } from "~/domain/orders/photos";
import express from "express";
import { processHolder } from "../../jobs/holder";
import { startWorker } from "../../jobs/worker";
import type { Env } from "../utils/env.server";
import { requestGuards } from "./request-guards";

/** The express app around the Remix handler, and the inline worker unless WORKER=off. */
export function startWebServer(env: Env) {
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", true);
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
    }),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: env.NODE_ENV }));

  const server = app.listen(env.PORT, () => {
    console.log(`Daigou web app listening on http://localhost:${env.PORT} (${env.NODE_ENV})`);
  });

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
