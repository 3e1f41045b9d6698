import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL server for the test suite: its own cluster in a temporary directory, on a free
 * loopback port with its socket in that directory, fsync off. PostgreSQL refuses to run as root, so as
 * root (CI, the development machines) the cluster belongs to the unprivileged `postgres` user.
 */
export type PgServer = {
  url: (database: string) => string;
  /** The server's own directory (removed with it): room for the run's other throwaway files. */
  dir: string;
  stop: () => void;
};

const asRoot = process.getuid?.() === 0;

function binary(name: string) {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  for (const dir of fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().reverse() : []) {
    const candidate = path.join("/usr/lib/postgresql", dir, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install the PostgreSQL server (apt-get install -y postgresql)`);
}

function run(command: string, args: string[]) {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: "pipe" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function stopCluster(data: string) {
  if (!fs.existsSync(path.join(data, "postmaster.pid"))) return;
  try {
    run(binary("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  } catch {
    // Already gone.
  }
}

/** Clusters left behind by a run that was killed outright (its process no longer exists). */
export function removeStaleClusters(parent: string) {
  if (!fs.existsSync(parent)) return;
  for (const entry of fs.readdirSync(parent)) {
    const match = /^pg-(\d+)$/.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) continue;
    stopCluster(path.join(parent, entry, "data"));
    fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}

export async function startPostgres(parent: string): Promise<PgServer> {
  removeStaleClusters(parent);
  const dir = path.join(parent, `pg-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  // C.UTF-8: pg_trgm counts Chinese characters as word characters only in a UTF-8 ctype.
  run(binary("initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB`;
  run(binary("pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopCluster(data);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Stopped also when the run ends another way (an error, Ctrl-C): nothing outlives the test command.
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stop();
      // The test runner has its own handler (it ends the run); alone, die of the signal as usual.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  return { url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`, dir, stop };
}

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE cannot run inside a transaction). */
export async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
