import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("tests", ".tmp");

/** A database file with every migration applied, made once per run and copied for each test file. */
export function createMigratedDatabase(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
  return file;
}
