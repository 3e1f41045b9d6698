import { z } from "zod";
import { EnvError } from "~/utils/env.server";

// Imports nothing that touches the database or reads the environment on load: the web server's
// entry checks these before it loads the app.
const days = (name: string, fallback: number) =>
  z.coerce.number({ invalid_type_error: `${name} must be a whole number` }).int(`${name} must be a whole number`).min(1, `${name} must be at least 1`).max(36_500).default(fallback);

// Retentions are read from the environment here rather than in env.server.ts so this job owns them;
// the web server and the worker check them at start, like every other variable.
const settingsSchema = z.object({
  HOUSEKEEPING_JOB_RUN_DAYS: days("HOUSEKEEPING_JOB_RUN_DAYS", 30),
  HOUSEKEEPING_JOB_RUN_KEEP: days("HOUSEKEEPING_JOB_RUN_KEEP", 20),
  HOUSEKEEPING_QUOTE_DAYS: days("HOUSEKEEPING_QUOTE_DAYS", 90),
  HOUSEKEEPING_MAIL_DAYS: days("HOUSEKEEPING_MAIL_DAYS", 30),
});

export type HousekeepingSettings = { jobRunDays: number; jobRunKeep: number; quoteDays: number; mailDays: number };

/** The retentions (admin page, the job); a bad value throws an EnvError naming the variable. */
export function housekeepingSettings(env: NodeJS.ProcessEnv = process.env): HousekeepingSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  return { jobRunDays: value.HOUSEKEEPING_JOB_RUN_DAYS, jobRunKeep: value.HOUSEKEEPING_JOB_RUN_KEEP, quoteDays: value.HOUSEKEEPING_QUOTE_DAYS, mailDays: value.HOUSEKEEPING_MAIL_DAYS };
}
