import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./processes";

/** A PostgreSQL server of our own: a private data directory and port on 127.0.0.1, trust for the superuser `twscope`. */
export interface PostgresServer {
  /** `postgres://twscope@127.0.0.1:PORT/postgres`: the superuser on the maintenance database. */
  adminUrl: string;
  port: number;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** Debian's server binaries (package postgresql), the newest version installed; null when there is none. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "postgres"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? path.join(root, newest, "bin") : null;
}

/** PostgreSQL refuses to run as root: as root it runs as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = ["-u", "-g"].map((f) => Number(execFileSync("id", [f, "postgres"], { encoding: "utf8" }).trim()));
  return { uid: uid!, gid: gid! };
}

/**
 * Starts a throwaway PostgreSQL: initdb into a new directory under the system's temporary directory, then
 * `postgres` listening on 127.0.0.1 only, on a free port, with durability off (fsync, synchronous commit:
 * a test database is thrown away). Resolves once it accepts connections; `stop()` ends it and deletes it all.
 */
export async function startPostgres(options: { maxConnections?: number; sharedBuffers?: string } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (Debian package postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-pg-"));
  const data = path.join(dir, "data");
  const user = runAs();
  fs.mkdirSync(data, { mode: 0o700 });
  if (user) {
    fs.chmodSync(dir, 0o755);
    fs.chownSync(data, user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(path.join(bin, "initdb"), ["-D", data, "-U", "twscope", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], {
    ...as,
    stdio: "pipe",
  });
  const port = await freePort();
  const log = path.join(data, "server.log");
  const server: ChildProcess = spawn(
    path.join(bin, "postgres"),
    [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      data,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      `max_connections=${options.maxConnections ?? 300}`,
      "-c",
      `log_destination=stderr`,
      ...(options.sharedBuffers ? ["-c", `shared_buffers=${options.sharedBuffers}`] : []),
    ],
    { ...as, stdio: ["ignore", "ignore", fs.openSync(log, "a")] },
  );
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const adminUrl = `postgres://twscope@127.0.0.1:${port}/postgres`;
  await waitUntilReady(adminUrl, server, log);
  return {
    adminUrl,
    port,
    pid: server.pid!,
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGINT"); // fast shutdown: ends sessions, no checkpoint wait worth having
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${fs.readFileSync(log, "utf8").slice(-2000)}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections within 30 s: ${fs.readFileSync(log, "utf8").slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Creates an empty database on the server and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
