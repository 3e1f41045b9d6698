import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";
import pg from "pg";
import { TMP_DIR } from "./db-template";
import { adminQuery, startPostgres, type PgServer } from "./pg-server";
import { freePort } from "./server-process";

// A shop grown past one machine, on this one: a throwaway PostgreSQL, migrated and seeded the way
// `npm start` does it, several web processes of the real build on their own ports (WORKER=off, as
// behind a load balancer) and separate `npm run worker` processes. Used by the two-instance e2e test
// and the bench's scale rows. Everything it started goes when stop() is called, and if starting
// fails half way, what had started is stopped before the error is thrown.

export type Instance = { name: string; baseUrl: string; child: ChildProcess; output: () => string };
export type Cluster = {
  pg: PgServer;
  databaseUrl: string;
  /** A small pool on the shop's database, for a test's own checks and fixtures. */
  sql: pg.Pool;
  instances: Instance[];
  workers: Instance[];
  env: Record<string, string>;
  /** Starts one more web process on the same database (the bench compares one and two). */
  addInstance: (name: string) => Promise<Instance>;
  stop: () => Promise<void>;
};

export const CLUSTER_SESSION_SECRET = "cluster-session-secret-0123456789";

const HEALTH_TIMEOUT_MS = 60_000;

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv) {
  let output = "";
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { name, child, output: () => output };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  // A worker lets a run in flight finish; one that hangs is killed after a while.
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitHealthy(instance: Instance) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited early:\n${instance.output()}`);
    if (Date.now() > deadline) throw new Error(`${instance.name} did not become healthy:\n${instance.output()}`);
    if (
      await fetch(`${instance.baseUrl}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startCluster(options: {
  instances: number;
  workers: number;
  /** Environment for every process (web and worker). */
  env?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** Runs on the migrated, seeded database before any process starts. */
  prepare?: (databaseUrl: string) => Promise<void>;
  /** Fills the new, empty database instead of migrating and seeding it (the bench copies a prepared shop in). */
  fill?: (databaseUrl: string) => Promise<void>;
}): Promise<Cluster> {
  if (!fs.existsSync(path.resolve("build", "index.js"))) throw new Error("build missing: run `npx remix build` first");
  const server = await startPostgres(TMP_DIR);
  const children: ChildProcess[] = [];
  let sql: pg.Pool | undefined;
  // However this process ends (a test runner tearing it down mid-start, an uncaught error), no web
  // process or worker outlives it; pg-server.ts does the same for the database.
  const killAll = () => children.forEach((child) => child.exitCode === null && child.kill("SIGKILL"));
  process.once("exit", killAll);
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    process.off("exit", killAll);
    await sql?.end().catch(() => undefined);
    server.stop();
  };
  try {
    await adminQuery(server.url("postgres"), "CREATE DATABASE daigou");
    const databaseUrl = server.url("daigou");
    const env: Record<string, string> = {
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: CLUSTER_SESSION_SECRET,
      RATE_LIMITS: "off",
      WORKER: "off",
      // Photos go to the database (PostgreSQL's default storage driver); the local driver, if a test
      // asks for it, writes under the server's directory, so the files go with it.
      UPLOAD_DIR: path.join(server.dir, "uploads"),
      // No network here: the rate providers fail at once instead of waiting on DNS.
      FX_ECB_URL: "http://127.0.0.1:9/eurofxref-daily.xml",
      FX_FALLBACK_URL: "http://127.0.0.1:9/latest/EUR",
      ...options.env,
    };
    const base = { ...process.env, ...env };
    if (options.fill) {
      await options.fill(databaseUrl);
    } else {
      // What `npm start` does on a PostgreSQL URL: migrate, then seed.
      execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: base, stdio: "pipe" });
      execFileSync(path.resolve("node_modules", ".bin", "tsx"), ["prisma/seed.ts"], {
        env: { ...base, NODE_ENV: "development" },
        stdio: "pipe",
      });
    }
    await options.prepare?.(databaseUrl);
    sql = new pg.Pool({ connectionString: databaseUrl, max: 4 });

    const addInstance = async (name: string) => {
      const port = await freePort();
      // Plain node on the build, exactly as `npm start` runs it.
      const started = spawnLogged(name, [path.resolve("build", "index.js")], { ...base, PORT: String(port) });
      children.push(started.child);
      const instance = { ...started, baseUrl: `http://127.0.0.1:${port}` };
      await waitHealthy(instance);
      return instance;
    };
    const instances = await Promise.all(
      Array.from({ length: options.instances }, (_, index) => addInstance(String.fromCharCode(65 + index))),
    );
    const workers = Array.from({ length: options.workers }, (_, index) => {
      // `npm run worker` is `tsx jobs/cli/worker.ts`: the same, without npm's extra process in between.
      const worker = spawnLogged(`worker-${index + 1}`, ["--import", "tsx", path.resolve("jobs", "cli", "worker.ts")], {
        ...base,
        ...options.workerEnv,
      });
      children.push(worker.child);
      return { ...worker, baseUrl: "" };
    });
    return { pg: server, databaseUrl, sql, instances, workers, env, addInstance, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once the process printed `text` (a worker's "scheduled" line), or rejects if it exits first. */
export async function waitForOutput(process: Instance, text: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!process.output().includes(text)) {
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited:\n${process.output()}`);
    if (Date.now() > deadline) throw new Error(`${process.name} never printed "${text}":\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type ClusterShopper = { id: string; email: string; cookie: string };

/**
 * Shoppers with a session, and a wallet holding `depositFen` (a DEPOSIT in the ledger and the same
 * balance on the account), written straight into the database: signing 50 people up would be 50
 * deliberately slow password hashes. The cookie is the one createUserSession sets.
 */
export async function createShoppers(sql: pg.Pool, prefix: string, count: number, depositFen: number, secret = CLUSTER_SESSION_SECRET) {
  const sessions = createCookieSessionStorage<{ sessionId: string }>({ cookie: { name: "__session", secrets: [secret] } });
  const now = new Date();
  const expires = new Date(now.getTime() + 24 * 3_600_000);
  const shoppers: ClusterShopper[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = `${prefix}-${index}`;
    const email = `${id}@example.com`;
    await sql.query(
      `INSERT INTO "User" ("id","email","name","passwordHash","role","createdAt","updatedAt") VALUES ($1,$2,$3,'test: no password','SHOPPER',$4,$4)`,
      [id, email, `Shopper ${index}`, now],
    );
    await sql.query(`INSERT INTO "Session" ("id","userId","expiresAt","createdAt") VALUES ($1,$2,$3,$4)`, [
      `${id}-session`,
      id,
      expires,
      now,
    ]);
    await sql.query(`INSERT INTO "WalletAccount" ("userId","balanceFen","updatedAt") VALUES ($1,$2,$3)`, [id, depositFen, now]);
    if (depositFen > 0)
      await sql.query(
        `INSERT INTO "WalletEntry" ("id","userId","kind","amountFen","reference","createdAt") VALUES ($1,$2,'DEPOSIT',$3,$4,$5)`,
        [`${id}-deposit`, id, depositFen, `TEST-${id}`, now],
      );
    const session = await sessions.getSession();
    session.set("sessionId", `${id}-session`);
    shoppers.push({ id, email, cookie: (await sessions.commitSession(session)).split(";")[0] ?? "" });
  }
  return shoppers;
}
