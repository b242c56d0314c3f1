import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "@/server/config";
import { closeContext, createContext } from "@/server/context";
import { openDatabase } from "@/server/db/open-database";
import { MIGRATIONS } from "@/server/db/sqlite/migrations";
import { populateInstall } from "../../support/populated-install";
import { createDatabase } from "../../support/postgres-server";

const adminUrl = inject("postgresAdminUrl");
if (!adminUrl) throw new Error("this file needs the postgres project's PostgreSQL server (Debian package postgresql)");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-db-copy-cli-"));
const { TWSCOPE_DATABASE_URL: _notThisOne, ...inherited } = process.env;
const env = { ...inherited, TWSCOPE_DATA_DIR: path.join(dir, "data"), TWSCOPE_SECRET_KEY_FILE: path.join(dir, "secret.key") };
const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/twscope.mjs", "db", ...args], { env, encoding: "utf8" });
const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = password;
  return u.toString();
};
// The test server trusts every local connection, so any password is accepted: this one must never be printed.
const PASSWORD = "Zebra-S3cret-771";
let target: string;

beforeAll(async () => {
  const ctx = await createContext(loadConfig({ ...env, TWSCOPE_POLLER: "off" }));
  await populateInstall(ctx);
  await closeContext(ctx);
  target = withPassword(await createDatabase(adminUrl, `cli_${crypto.randomBytes(6).toString("hex")}`), PASSWORD);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("twscope db copy", () => {
  it("copies the data directory's SQLite file, printing progress on stderr and the verified counts on stdout", async () => {
    const res = cli("copy", "--to", target);
    expect(res.stderr).not.toContain(PASSWORD);
    expect(res.status).toBe(0);
    expect(res.stderr).toContain(`copying ${path.join(dir, "data", "twscope.db")} into postgres://twscope:…@127.0.0.1:`);
    expect(res.stderr).toMatch(/^ {2}samples: \d+ rows in \d+\.\d s/m);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^table +SQLite +PostgreSQL$/);
    expect(lines.find((l) => l.startsWith("hosts "))).toMatch(/^hosts +4 +4 +ok$/);
    expect(lines.filter((l) => / ok$/.test(l))).toHaveLength(lines.length - 3);
    expect(lines.at(-1)).toMatch(
      /^verified: all \d+ tables hold as many rows in PostgreSQL as in the SQLite file \(copied in \d+\.\d s\)$/,
    );
    const db = await openDatabase({ databaseFile: "", databaseUrl: target });
    try {
      expect(await db.all("SELECT name FROM hosts ORDER BY id")).toEqual([
        { name: "localhost" },
        { name: "db-1" },
        { name: "web-1" },
        { name: "client-1" },
      ]);
    } finally {
      await db.close();
    }
  });

  it("refuses the same target again (exit 2, saying how to proceed), and replaces it with --replace", () => {
    const refused = cli("copy", `--to=${target}`);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(
      /twscope db copy: postgres:\/\/twscope:…@127\.0\.0\.1:\d+\/cli_\w+ already holds twscope data \(.*\); nothing was copied/,
    );
    expect(refused.stderr).toContain("run the command again with --replace");
    expect(refused.stderr).not.toContain(PASSWORD);
    const inChinese = cli("copy", `--to=${target}`, "--lang", "zh-CN");
    expect(inChinese.status).toBe(2);
    expect(inChinese.stderr).toMatch(
      /twscope db copy: postgres:\/\/twscope:…@127\.0\.0\.1:\d+\/cli_\w+ 中已有 twscope 数据（\w+：\d+ 行.*）；未复制任何数据/,
    );
    const replaced = cli("copy", "--to", target, "--replace");
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toContain("verified: all");
  });

  it("refuses a file of an older schema, and copies it with --migrate-source, which migrates it first", () => {
    const old = path.join(dir, "old.db");
    const conn = new Database(old);
    for (const step of MIGRATIONS.slice(0, -1)) conn.exec(step);
    conn.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    conn.close();
    const refused = cli("copy", "--to", target, "--replace", "--from", old);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`the schema of ${old} (version ${MIGRATIONS.length - 1}) is older than this twscope's`);
    const copied = cli("copy", "--to", target, "--replace", "--from", old, "--migrate-source");
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/^hosts +1 +1 +ok$/m);
    const migrated = new Database(old, { readonly: true });
    expect(migrated.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    migrated.close();
  });

  it("names an unreachable target without its password (exit 2)", async () => {
    const port = await closedPort();
    const res = cli("copy", "--to", `postgresql://twscope:${PASSWORD}@127.0.0.1:${port}/twscope`);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(
      `could not open the target: PostgreSQL at postgresql://twscope:…@127.0.0.1:${port}/twscope: connect ECONNREFUSED`,
    );
    expect(res.stderr + res.stdout).not.toContain(PASSWORD);
  });

  it("refuses a missing source file (exit 2) and bad arguments (exit 64)", () => {
    const missing = cli("copy", "--to", target, "--from", path.join(dir, "nope.db"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`the SQLite file ${path.join(dir, "nope.db")} does not exist`);
    const noTarget = cli("copy");
    expect(noTarget.status).toBe(64);
    expect(noTarget.stderr).toContain("--to postgres://… is required");
    const notPostgres = cli("copy", "--to", "mysql://root:hunter2@db/x");
    expect(notPostgres.status).toBe(64);
    expect(notPostgres.stderr).toContain("--to must be a postgres:// or postgresql:// URL");
    expect(notPostgres.stderr).not.toContain("hunter2");
    expect(cli("copy", "--to", target, "--force").stderr).toContain('unknown argument "--force"');
  });
});

/** A port on 127.0.0.1 that nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
