import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_QUERY } from "@/lib/fleet-query";
import { principalOf } from "@/server/auth/session";
import { loadConfig } from "@/server/config";
import { closeContext, createContext, type AppContext } from "@/server/context";
import { recordAudit } from "@/server/db/audit";
import { listAudit } from "@/server/db/audit";
import { planCopy } from "@/server/db/copy/copy-plan";
import { copyToPostgres } from "@/server/db/copy/copy-database";
import { CopyRefused, CountsDiffer } from "@/server/db/copy/copy-errors";
import type { CopyReport } from "@/server/db/copy/copy-report";
import { insertHost } from "@/server/db/hosts";
import { openDatabase, type Db } from "@/server/db/open-database";
import { MIGRATIONS } from "@/server/db/sqlite/migrations";
import { readHostSecret } from "@/server/secrets/secret-store";
import { secretKeyFor } from "@/server/secrets/key";
import { listAlertHistory, listOpenAlerts } from "@/server/services/alerts/alerts";
import { listChannelDtos } from "@/server/services/alerts/channels";
import { listRuleDtos } from "@/server/services/alerts/rules";
import { fleetPage } from "@/server/services/fleet/fleet";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { hostSeries } from "@/server/services/hosts/series";
import { listSnapshotsFor } from "@/server/services/snapshots";
import { request } from "../../support/auth";
import { populateInstall, type PopulatedInstall } from "../../support/populated-install";
import { createDatabase } from "../../support/postgres-server";

const adminUrl = inject("postgresAdminUrl");
if (!adminUrl) throw new Error("this file needs the postgres project's PostgreSQL server (Debian package postgresql)");
const newDatabase = () => createDatabase(adminUrl, `copy_${crypto.randomBytes(6).toString("hex")}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-db-copy-"));
const configFor = (databaseUrl?: string) =>
  loadConfig({
    TWSCOPE_DATA_DIR: path.join(dir, "data"),
    TWSCOPE_SECRET_KEY_FILE: path.join(dir, "secret.key"),
    TWSCOPE_POLLER: "off",
    ...(databaseUrl ? { TWSCOPE_DATABASE_URL: databaseUrl } : {}),
  });
const sqliteFile = configFor().databaseFile;

let sqlite: AppContext;
let postgres: AppContext;
let installed: PopulatedInstall;
let targetUrl: string;
let report: CopyReport;

const rowsOf = async (db: Db, table: string, order: string) => db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);

beforeAll(async () => {
  sqlite = await createContext(configFor());
  installed = await populateInstall(sqlite);
  targetUrl = await newDatabase();
  // Copied while the SQLite install is still open, as a server that was not stopped would hold it.
  report = await copyToPostgres({ from: sqliteFile, to: targetUrl, replace: false });
  postgres = await createContext(configFor(targetUrl));
});
afterAll(async () => {
  await closeContext(sqlite);
  await closeContext(postgres);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db copy from a populated SQLite install to PostgreSQL", () => {
  it("copies every table of the schema, each holding rows, with the same count on both sides", async () => {
    const conn = new Database(sqliteFile, { readonly: true });
    const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    conn.close();
    expect(report.tables.map((t) => t.table).sort()).toEqual(tables);
    // A table added to the schema fails here until the install above fills it, so its copy is tested too.
    expect(report.tables.filter((t) => t.source === 0).map((t) => t.table)).toEqual([]);
    for (const t of report.tables) {
      const { n } = (await postgres.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t.table}`))!;
      expect({ table: t.table, rows: n }).toEqual({ table: t.table, rows: t.source });
    }
    expect(report.tables.find((t) => t.table === "samples")!.source).toBeGreaterThan(190);
  });

  it("copies every row of every table exactly: each column's value and type, ids, blobs and the hosts change marker", async () => {
    const sorted = (rows: Record<string, unknown>[]) =>
      rows
        .map((r) =>
          JSON.stringify(r, (_k, v: unknown) =>
            v && typeof v === "object" && "type" in v && v.type === "Buffer" ? `blob:${JSON.stringify(v)}` : v,
          ),
        )
        .sort();
    for (const { table } of report.tables) {
      const [a, b] = [
        await sqlite.db.all<Record<string, unknown>>(`SELECT * FROM ${table}`),
        await postgres.db.all<Record<string, unknown>>(`SELECT * FROM ${table}`),
      ];
      expect(sorted(b), table).toEqual(sorted(a));
    }
  });

  it("leaves the target's foreign keys as its schema has them (dropped for the load, added back)", async () => {
    const keys = (db: Db) =>
      db.all(
        "SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 ORDER BY 1, 2",
      );
    const fresh = await openDatabase({ databaseFile: "", databaseUrl: await newDatabase() });
    try {
      expect(await keys(postgres.db)).toEqual(await keys(fresh));
      expect((await keys(fresh)).length).toBeGreaterThan(15);
    } finally {
      await fresh.close();
    }
    const orphan = postgres.db.run("INSERT INTO samples (host_id, ts) VALUES (9999, ?)", [installed.now]);
    await expect(orphan).rejects.toThrow(/foreign key/);
  });

  it("answers the host pages, series, fleet, alerts, rules, channels, audit log and snapshots the same on both", async () => {
    const { now, hostIds, admin } = installed;
    const both = async <T>(read: (ctx: AppContext) => Promise<T>) => {
      const [a, b] = [await read(sqlite), await read(postgres)];
      expect(b).toEqual(a);
      return a;
    };
    for (const id of hostIds) {
      await both((ctx) => getHostDetail(ctx, id));
      for (const range of ["1h", "24h", "7d"] as const) await both((ctx) => hostSeries(ctx, id, range, now));
    }
    expect((await both((ctx) => hostSeries(ctx, installed.secretHost.id, "24h", now))).points.length).toBeGreaterThan(90);
    expect((await both((ctx) => fleetPage(ctx, DEFAULT_QUERY, now))).hosts).toHaveLength(hostIds.length);
    expect((await both((ctx) => listOpenAlerts(ctx, undefined, now))).alerts.length).toBeGreaterThan(0);
    const history = await both((ctx) => listAlertHistory(ctx, { limit: 50 }, now));
    expect(history.alerts.map((a) => a.state)).toContain("resolved");
    await both((ctx) => listRuleDtos(ctx));
    expect(await both((ctx) => listChannelDtos(ctx))).toHaveLength(1);
    expect((await both((ctx) => listAudit(ctx.db, 1000))).length).toBeGreaterThan(5);
    expect(await both((ctx) => listSnapshotsFor(ctx, admin, now))).toHaveLength(1);
    const signedIn = await both((ctx) => principalOf(ctx, request("http://t/", { cookie: installed.adminCookie })));
    expect(signedIn).toMatchObject({ name: "alice", role: "admin" });
  });

  it("copies the stored secret byte for byte, and it decrypts on PostgreSQL with the same secret key", async () => {
    const { id, secret } = installed.secretHost;
    expect(await rowsOf(postgres.db, "host_secrets", "host_id")).toEqual(await rowsOf(sqlite.db, "host_secrets", "host_id"));
    expect(await rowsOf(postgres.db, "alert_channels", "id")).toEqual(await rowsOf(sqlite.db, "alert_channels", "id"));
    expect(await readHostSecret(postgres.db, await secretKeyFor(postgres.db, postgres.config), id)).toEqual(secret);
  });

  it("continues every id after the copied ones", async () => {
    const maxId = async (table: string) => (await sqlite.db.get<{ m: number }>(`SELECT MAX(id) AS m FROM ${table}`))!.m;
    const host = await insertHost(postgres.db, {
      name: "after-copy",
      address: "10.0.0.9",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
    });
    expect(host.id).toBe((await maxId("hosts")) + 1);
    await recordAudit(postgres.db, "test", "host.add", "after-copy", {});
    expect((await listAudit(postgres.db, 1))[0]!.id).toBe((await maxId("audit_log")) + 1);
    await postgres.db.run("DELETE FROM hosts WHERE id = ?", [host.id]);
  });
});

describe("db copy refuses, or leaves the target as it was", () => {
  it("refuses a target that holds twscope data, and replaces it when asked to", async () => {
    const before = (await postgres.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM samples"))!.n;
    await postgres.db.run("DELETE FROM samples WHERE ts < ?", [installed.now - 3_600_000]);
    const refused = copyToPostgres({ from: sqliteFile, to: targetUrl, replace: false });
    await expect(refused).rejects.toThrow(CopyRefused);
    await expect(refused).rejects.toThrow(
      /already holds twscope data \(.*hosts: 3 rows, .*samples: \d+ rows.*\); nothing was copied\. .* --replace/,
    );
    expect((await postgres.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM samples"))!.n).toBeLessThan(before);
    const again = await copyToPostgres({ from: sqliteFile, to: targetUrl, replace: true });
    expect(again.tables.every((t) => t.source === t.target)).toBe(true);
    expect((await postgres.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM samples"))!.n).toBe(before);
  });

  it("rolls the whole copy back when a table's count differs, partitions and foreign keys included", async () => {
    const url = await newDatabase();
    const target = await openDatabase({ databaseFile: "", databaseUrl: url });
    try {
      // A target that silently drops one audit entry on insert: the copy must notice and keep nothing.
      await target.run(`CREATE FUNCTION drop_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
      await target.run(
        `CREATE TRIGGER drop_one BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'metrics-token.create') EXECUTE FUNCTION drop_one()`,
      );
      const state = async () => ({
        hosts: await target.all("SELECT name FROM hosts ORDER BY id"),
        rows: await target.get(
          "SELECT (SELECT COUNT(*) FROM samples) + (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM users) AS n",
        ),
        partitions: await target.get("SELECT COUNT(*) AS n FROM pg_inherits"),
        foreignKeys: await target.get("SELECT COUNT(*) AS n FROM pg_constraint WHERE contype = 'f'"),
      });
      const before = await state();
      const failed = await copyToPostgres({ from: sqliteFile, to: url, replace: false }).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(CountsDiffer);
      const audit = (failed as CountsDiffer).report.tables.find((t) => t.table === "audit_log")!;
      expect(audit.target).toBe(audit.source - 1);
      expect((failed as CountsDiffer).message).toBe("the row counts differ in audit_log");
      expect(await state()).toEqual(before);
      expect(before).toMatchObject({ hosts: [{ name: "localhost" }], rows: { n: 0 }, partitions: { n: 0 } });
    } finally {
      await target.close();
    }
  });

  it("refuses a missing source file and one of an older schema, before touching the target", async () => {
    const url = await newDatabase();
    await expect(copyToPostgres({ from: path.join(dir, "none.db"), to: url, replace: false })).rejects.toThrow(
      `the SQLite file ${path.join(dir, "none.db")} does not exist (give its path with --from)`,
    );
    const old = path.join(dir, "old.db");
    const conn = new Database(old);
    for (const step of MIGRATIONS.slice(0, -1)) conn.exec(step);
    conn.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    conn.close();
    await expect(copyToPostgres({ from: old, to: url, replace: false })).rejects.toThrow(
      /older than this twscope's \(\d+\): pass --migrate-source/,
    );
    // Never migrated by the copy, nor anything else created: the refusals came first.
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      const { rows } = await target.query<{ n: string }>(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(rows).toEqual([{ n: "0" }]);
    } finally {
      await target.end();
    }
  });
});

describe("the copy plan", () => {
  it("puts every table after the tables its foreign keys reference and those whose triggers write to it", async () => {
    const conn = new Database(sqliteFile, { readonly: true });
    try {
      const plan = await planCopy(conn, postgres.db);
      const at = (t: string) => plan.findIndex((p) => p.name === t);
      for (const { name } of plan) {
        for (const parent of conn.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[]) {
          // A host's jump host is a host: the keys are checked once every row is in, whatever their order.
          if (parent !== name) expect(at(parent), `${parent} before ${name}`).toBeLessThan(at(name));
        }
      }
      expect(at("change_markers")).toBeGreaterThan(Math.max(at("hosts"), at("host_secrets")));
      expect(plan.find((p) => p.name === "samples")).toMatchObject({ partitionedByDay: true, identityColumns: [] });
      expect(plan.find((p) => p.name === "host_secrets")!.binaryColumns).toHaveLength(6);
      expect(plan.find((p) => p.name === "hosts")!.identityColumns).toEqual(["id"]);
    } finally {
      conn.close();
    }
  });

  it("stops before copying when a table or column is in one schema and not the other", async () => {
    const file = path.join(dir, "extra.db");
    fs.copyFileSync(sqliteFile, file);
    const conn = new Database(file);
    try {
      conn.exec("CREATE TABLE extra (id INTEGER PRIMARY KEY); ALTER TABLE hosts ADD COLUMN extra_column TEXT");
      await expect(planCopy(conn, postgres.db)).rejects.toThrow(
        "the SQLite and PostgreSQL schemas differ: table extra is not in PostgreSQL; hosts.extra_column not in PostgreSQL",
      );
    } finally {
      conn.close();
    }
  });
});
