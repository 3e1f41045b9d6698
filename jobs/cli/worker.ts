// npm run worker   the scheduler alone, for WORKER=off web processes: its own process with its own
// single copy of the app's modules (it never loads the web build). Any number may run: every run
// goes through the job's lease.
import { housekeepingSettings } from "~/services/housekeeping-settings.server";
import { EnvError, getEnv } from "~/utils/env.server";

// A bad or missing variable stops the process here with the variable's name.
try {
  getEnv();
  housekeepingSettings();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { db } = await import("~/utils/db.server");
const { processHolder, startWorker } = await import("../worker");

const worker = startWorker({ holder: processHolder("worker") });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 30_000).unref();
    void worker
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  });
}
