import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseBundle } from "@/lib/bundle/parse-sample";
import Database from "better-sqlite3";
import { getHost, insertBundleHost, insertHost, listHosts, recordPollStatus, recentErrors } from "@/server/db/hosts";
import { MIGRATIONS } from "@/server/db/migrations";
import { openDatabase, type Db } from "@/server/db/open-database";
import { insertSample, latestSample, readSeries } from "@/server/db/samples";
import { readFixture } from "../../support/fixtures";

const NO_RATES = {
  twPerSec: null, twRecycledPerSec: null, twKilledPerSec: null, twOverflowPerSec: null,
  pawsPassivePerSec: null, activeOpensPerSec: null, passiveOpensPerSec: null, listenDropsPerSec: null,
};

describe("SQLite storage", () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-db-"));
    db = openDatabase(path.join(dir, "nested", "twscope.db"));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates the file in WAL mode with every migration applied and localhost seeded once", () => {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(listHosts(db).map((h) => [h.name, h.transport])).toEqual([["localhost", "local"]]);
    db.close();
    db = openDatabase(path.join(dir, "nested", "twscope.db"));
    expect(listHosts(db)).toHaveLength(1);
  });

  it("migrates a version-1 database to the current schema without losing hosts or samples", () => {
    db.close();
    const file = path.join(dir, "v1.db");
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old.pragma("foreign_keys = ON");
    const hostId = Number(old.prepare("INSERT INTO hosts (name, transport, address, created_at, updated_at) VALUES ('old', 'ssh', 'a', 1, 1)").run().lastInsertRowid);
    old.prepare("INSERT INTO samples (host_id, ts, tw) VALUES (?, 5, 42)").run(hostId);
    old.close();
    db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(getHost(db, hostId)?.name).toBe("old");
    expect(db.prepare("SELECT tw FROM samples WHERE host_id = ?").get(hostId)).toEqual({ tw: 42 });
    expect(insertBundleHost(db, "pasted").transport).toBe("bundle");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.prepare("DELETE FROM hosts WHERE id = ?").run(hostId);
    expect(db.prepare("SELECT COUNT(*) AS n FROM samples").get()).toEqual({ n: 0 });
  });

  it("refuses a database written by a newer twscope", () => {
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(path.join(dir, "nested", "twscope.db"))).toThrow(/newer than this twscope/);
    db = openDatabase(path.join(dir, "other.db"));
  });

  it("stores a sample as a series row and as the latest full sample", () => {
    const host = insertHost(db, { name: "h", address: "10.0.0.1", port: 22, username: "u", authMethod: "agent", tags: [], hostKeyFingerprint: undefined });
    expect(host.status).toBe("host-key-unknown");
    const sample = parseBundle(readFixture("bundles", "centos7-3.10.txt"));
    insertSample(db, { hostId: host.id, at: 1000, sample, rates: { ...NO_RATES, twPerSec: 3 }, bytes: 4000, durationMs: 50 });
    expect(latestSample(db, host.id)?.sample.kernel).toBe("3.10.0-1160.el7.x86_64");
    expect(readSeries(db, host.id, 0, 2000)).toEqual([
      { t: 1000, tw: 20, twMin: 20, twMax: 20, estab: 2, twServer: 8, twClient: 12, twRate: 3, overflowRate: null, reuseRate: null, activeOpensRate: null },
    ]);
  });

  it("averages a long range into at most the requested number of points", () => {
    const host = insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
    const sample = parseBundle(readFixture("bundles", "centos7-3.10.txt"));
    const at = (i: number) => i * 15_000;
    for (let i = 0; i < 2000; i++) {
      sample.sockstat.tcpTw = i % 2 === 0 ? 100 : 200;
      insertSample(db, { hostId: host.id, at: at(i), sample, rates: NO_RATES, bytes: 1, durationMs: 1 });
    }
    const points = readSeries(db, host.id, 0, at(1999), 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.length).toBeGreaterThan(90);
    expect(points[0]!.tw).toBe(150);
  });

  it("records failures with their message, keeps the last 50, and resets the failure count on success", () => {
    const host = insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
    for (let i = 0; i < 60; i++) recordPollStatus(db, host.id, { status: "timeout", error: `try ${i}`, at: i });
    expect(getHost(db, host.id)).toMatchObject({ status: "timeout", lastError: "try 59", consecutiveFailures: 60 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM poll_errors").get()).toEqual({ n: 50 });
    expect(recentErrors(db, host.id, 1)[0]?.message).toBe("try 59");
    recordPollStatus(db, host.id, { status: "ok", error: null, at: 100 });
    expect(getHost(db, host.id)).toMatchObject({ status: "ok", consecutiveFailures: 0, lastOkAt: 100 });
  });
});
