import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createMigratedDatabase, TMP_DIR } from "../db-template";

declare module "vitest" {
  export interface ProvidedContext {
    integrationRunDir: string;
  }
}

// Each run has a folder of its own (template and per-file copies), so two runs at once on one
// machine (two developers' terminals, a watcher beside a full run) never delete each other's files.
export default function setup(project: TestProject) {
  const runDir = path.join(TMP_DIR, `integration-${process.pid}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  createMigratedDatabase(path.join(runDir, "template.db"));
  project.provide("integrationRunDir", runDir);
  project.provide("integrationPg", undefined);
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
