import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { TMP_DIR } from "../db-template";
import { adminQuery, startPostgres } from "../pg-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The integration-pg project's server: a URL for a database name, and the migrated template's name. */
    integrationPg: { urlPrefix: string; template: string } | undefined;
  }
}

export const PG_TEMPLATE = "daigou_template";

// The integration suite again on PostgreSQL: one throwaway server for the run, the PostgreSQL history
// applied once to a template database, and each test file a database of its own copied from it
// (tests/integration/setup.ts). The server and its directory go when the run ends, however it ends.
export default async function setup(project: TestProject) {
  const server = await startPostgres(TMP_DIR);
  // The files' uploads live in the server's directory, so they go with it even after a Ctrl-C.
  const runDir = path.join(server.dir, "files");
  fs.mkdirSync(runDir, { recursive: true });
  try {
    await adminQuery(server.url("postgres"), `CREATE DATABASE ${PG_TEMPLATE}`);
    execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: server.url(PG_TEMPLATE) },
      stdio: "pipe",
    });
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide("integrationRunDir", runDir);
  project.provide("integrationPg", { urlPrefix: server.url(""), template: PG_TEMPLATE });
  return () => server.stop();
}
