import { pino } from "pino";
import { getEnv } from "./env.server";

/**
 * The server's structured log: one JSON line per request (app/server/web-server.ts, with its request
 * id) and per server error (handleError in app/entry.server.tsx, with the same id), on stdout.
 */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: "daigou-web" },
  // A session cookie or a password never reaches the log.
  redact: { paths: ["req.headers.cookie", 'res.headers["set-cookie"]', "req.headers.authorization"], censor: "[redacted]" },
});
