import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import { MAX_PHOTOS_PER_FORM } from "~/domain/orders/photos";
import express from "express";
import { EnvError, parseEnv } from "../utils/env.server";
import { requestGuards } from "./request-guards";

// Validate configuration before anything else touches it, and say exactly what is wrong.
let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const buildPath = path.resolve("build", "index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (env.TRUST_PROXY) app.set("trust proxy", true);
// Live order timelines (text/event-stream) must reach the browser as they are written, unbuffered.
app.use(compression({ filter: (req, res) => !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res) }));
app.use(requestGuards({ maxBodyBytes: env.MAX_BODY_BYTES, uploadMaxBodyBytes: env.UPLOAD_MAX_BYTES * MAX_PHOTOS_PER_FORM + env.MAX_BODY_BYTES, appOrigin: env.APP_ORIGIN }));
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: env.NODE_ENV }));

const server = app.listen(env.PORT, () => {
  console.log(`Daigou web app listening on http://localhost:${env.PORT} (${env.NODE_ENV})`);
});

// The embedded default runs the scheduled jobs in this process; WORKER=off leaves them to `npm run worker`.
const worker = env.WORKER === "inline" ? await import("../../jobs/worker").then(({ startWorker, processHolder }) => startWorker({ holder: processHolder("web") })) : null;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void worker?.stop();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
