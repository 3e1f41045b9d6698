import { z } from "zod";
import { EnvError } from "~/utils/env.server";

// Imports nothing that touches the database or reads the environment on load: the web server's
// entry checks these before it loads the app.
const whole = (fallback: number, unit: string) =>
  z.coerce
    .number({ invalid_type_error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(1, "must be at least 1")
    .max(36_500, "must be at most 36500")
    .default(fallback);

// Retentions are read from the environment here rather than in env.server.ts so this job owns them;
// the web server and the worker check them at start, like every other variable.
const settingsSchema = z.object({
  HOUSEKEEPING_JOB_RUN_DAYS: whole(30, "days"),
  HOUSEKEEPING_JOB_RUN_KEEP: whole(20, "runs"),
  HOUSEKEEPING_QUOTE_DAYS: whole(90, "days"),
  HOUSEKEEPING_MAIL_DAYS: whole(30, "days"),
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
  return {
    jobRunDays: value.HOUSEKEEPING_JOB_RUN_DAYS,
    jobRunKeep: value.HOUSEKEEPING_JOB_RUN_KEEP,
    quoteDays: value.HOUSEKEEPING_QUOTE_DAYS,
    mailDays: value.HOUSEKEEPING_MAIL_DAYS,
  };
}
