import path from "node:path";
import type { TestProject } from "vitest/node";
import { TMP_DIR } from "../db-template";
import { startServer } from "../server-process";
import { startFixtureStore } from "./fixture-store";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseFile: string;
    storeOrigin: string;
  }
}

/** The real built server on a fresh, seeded SQLite database, on a free loopback port. */
export default async function setup(project: TestProject) {
  const store = await startFixtureStore();
  // Every test signs up its own shoppers from 127.0.0.1, more than the 10 sign-ups an hour one address
  // may make: the limits themselves are tested in tests/integration/auth.test.ts.
  const server = await startServer({
    databaseFile: path.join(TMP_DIR, "e2e.db"),
    env: { ALLOW_PRIVATE_STORE_HOSTS: "1", WORKER: "off", UPLOAD_DIR: path.join(TMP_DIR, "e2e-uploads"), RATE_LIMITS: "off" },
  });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseFile", server.databaseFile);
  project.provide("storeOrigin", store.origin);
  return async () => {
    await server.stop();
    await store.close();
  };
}
