import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { server } from "../mocks/server";
import { adminQuery } from "../pg-server";

// Every test file gets its own copy of the migrated template, set before any app module reads the env:
// an SQLite file (project "integration") or a PostgreSQL database (project "integration-pg").
const dir = inject("integrationRunDir");
const pg = inject("integrationPg");
const name = crypto.randomUUID();
const file = path.join(dir, `${name}.db`);
const pgDatabase = `t_${name.replaceAll("-", "")}`;
if (pg) {
  await adminQuery(`${pg.urlPrefix}postgres`, `CREATE DATABASE ${pgDatabase} TEMPLATE ${pg.template}`);
  process.env.DATABASE_URL = `${pg.urlPrefix}${pgDatabase}`;
} else {
  fs.copyFileSync(path.join(dir, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
// Warehouse photos of this file's tests land next to its database and go with it.
const uploads = `${file}-uploads`;
process.env.UPLOAD_DIR = uploads;
process.env.NODE_ENV = "test";
// Provider and store hosts are answered by msw; the address rule itself is tested with an injected resolver.
process.env.ALLOW_PRIVATE_STORE_HOSTS = "1";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  const { db } = await import("~/utils/db.server");
  // A page's live feed opened on PostgreSQL leaves the process's listening connection open.
  await (await import("~/services/order-feed.server")).closeFeed();
  // A connection a test left checked out (a timer's query still in flight when the file ended) would keep
  // $disconnect waiting for ever; after 10 s the file goes on, says so, and DROP … WITH (FORCE) ends it.
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<"stuck">((resolve) => (timer = setTimeout(() => resolve("stuck"), 10_000)));
  if ((await Promise.race([db.$disconnect().then(() => "closed" as const), stuck])) === "stuck")
    console.warn(`[setup] ${pg ? pgDatabase : path.basename(file)}: the database connection did not close within 10 s`);
  clearTimeout(timer);
  if (pg) await adminQuery(`${pg.urlPrefix}postgres`, `DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.rmSync(uploads, { recursive: true, force: true });
});
