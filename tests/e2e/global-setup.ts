import path from "node:path";
import type { TestProject } from "vitest/node";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseFile: string;
  }
}

/** The real built server on a fresh, seeded SQLite database, on a free loopback port. */
export default async function setup(project: TestProject) {
  const server = await startServer({ databaseFile: path.join(TMP_DIR, "e2e.db") });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseFile", server.databaseFile);
  return server.stop;
}
