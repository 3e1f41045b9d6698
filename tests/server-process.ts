import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createMigratedDatabase } from "./db-template";

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningServer = { baseUrl: string; databaseFile: string; child: ChildProcess; stop: () => Promise<void> };

/** Starts the real built server (`remix build` first) on a fresh migrated and seeded SQLite database. */
export async function startServer(options: {
  databaseFile: string;
  env?: Record<string, string>;
  prepare?: (databaseFile: string) => void | Promise<void>;
  nodeArgs?: string[];
  /** Sets APP_ORIGIN to the server's own address (for what needs a public origin: Alipay's notify URL). */
  ownOrigin?: boolean;
}): Promise<RunningServer> {
  if (!fs.existsSync(path.resolve("build", "index.js"))) throw new Error("build missing: run `npx remix build` first");
  const databaseFile = createMigratedDatabase(options.databaseFile);
  const tsx = path.resolve("node_modules", ".bin", "tsx");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: `file:${databaseFile}`,
    SESSION_SECRET: "test-session-secret-0123456789",
    ...options.env,
    ...(options.ownOrigin ? { APP_ORIGIN: `http://127.0.0.1:${port}` } : {}),
  };
  execFileSync(tsx, ["prisma/seed.ts"], { env: { ...env, NODE_ENV: "development" }, stdio: "pipe" });
  await options.prepare?.(databaseFile);
  let output = "";
  // Plain node on the build, as `npm start` runs it: the build holds the server and the whole app.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.resolve("build", "index.js")], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    databaseFile,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
