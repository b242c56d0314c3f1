import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import Database from "better-sqlite3";
import { getHost, insertBundleHost, insertHost, listHosts, recordPollStatus, recentErrors } from "@/server/db/hosts";
import { MIGRATIONS } from "@/server/db/sqlite/migrations";
import { openDatabase, type DatabaseTarget, type Db } from "@/server/db/open-database";
import { explainGaps, readHostEvents } from "@/server/db/host-events";
import { latestSample, readSeries } from "@/server/db/samples";
import { storeSample } from "@/server/ingest/record-sample";
import { findGaps } from "@/lib/series/gaps";
import { changeText } from "@/components/chart/mark-words";
import { english } from "../../support/i18n";
import { readFixture } from "../../support/fixtures";
import { NO_RATES } from "../../support/rates";
import { itOnSqlite, testDatabaseTarget } from "../../support/engines";
import { sqliteConnection } from "../../support/sqlite";

describe("storage", () => {
  let dir: string;
  let db: Db;
  let target: DatabaseTarget;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-db-"));
    target = await testDatabaseTarget(path.join(dir, "nested"), "twscope.db");
    db = await openDatabase(target);
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  itOnSqlite("creates the file in WAL mode with every migration applied and localhost seeded once", async () => {
    expect(sqliteConnection(db).pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqliteConnection(db).pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect((await listHosts(db)).map((h) => [h.name, h.transport])).toEqual([["localhost", "local"]]);
    await db.close();
    db = await openDatabase(path.join(dir, "nested", "twscope.db"));
    expect(await listHosts(db)).toHaveLength(1);
  });

  itOnSqlite("migrates a version-1 database to the current schema without losing hosts or samples", async () => {
    await db.close();
    const file = path.join(dir, "v1.db");
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old.pragma("foreign_keys = ON");
    const hostId = Number(
      old.prepare("INSERT INTO hosts (name, transport, address, created_at, updated_at) VALUES ('old', 'ssh', 'a', 1, 1)").run()
        .lastInsertRowid,
    );
    old.prepare("INSERT INTO samples (host_id, ts, tw) VALUES (?, 5, 42)").run(hostId);
    old.close();
    db = await openDatabase(file);
    expect(sqliteConnection(db).pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect((await getHost(db, hostId))?.name).toBe("old");
    expect(await db.get("SELECT tw FROM samples WHERE host_id = ?", [hostId])).toEqual({ tw: 42 });
    expect((await insertBundleHost(db, "pasted")).transport).toBe("bundle");
    expect(sqliteConnection(db).pragma("foreign_keys", { simple: true })).toBe(1);
    await db.run("DELETE FROM hosts WHERE id = ?", [hostId]);
    expect(await db.get("SELECT COUNT(*) AS n FROM samples")).toEqual({ n: 0 });
  });

  itOnSqlite("refuses a database written by a newer twscope", async () => {
    sqliteConnection(db).pragma(`user_version = ${MIGRATIONS.length + 1}`);
    await db.close();
    await expect(openDatabase(path.join(dir, "nested", "twscope.db"))).rejects.toThrow(/newer than this twscope/);
    db = await openDatabase(path.join(dir, "other.db"));
  });

  it("stores a sample as a series row and as the latest full sample", async () => {
    const host = await insertHost(db, {
      name: "h",
      address: "10.0.0.1",
      port: 22,
      username: "u",
      authMethod: "agent",
      tags: [],
      hostKeyFingerprint: undefined,
    });
    expect(host.status).toBe("host-key-unknown");
    const sample = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    await storeSample(db, { hostId: host.id, at: 1000, sample, rates: { ...NO_RATES, twPerSec: 3 }, bytes: 4000, durationMs: 50 });
    expect((await latestSample(db, host.id))?.sample.kernel).toBe("3.10.0-1160.el7.x86_64");
    expect(await readSeries(db, host.id, 0, 2000)).toEqual([
      {
        t: 1000,
        t1: 1000,
        n: 1,
        tw: 20,
        twMin: 20,
        twMax: 20,
        estab: 2,
        twServer: 8,
        twClient: 12,
        twRate: 3,
        overflowRate: null,
        reuseRate: null,
        activeOpensRate: null,
      },
    ]);
  });

  it("averages a long range into at most the requested number of points", async () => {
    const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
    const sample = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    const at = (i: number) => i * 15_000;
    for (let i = 0; i < 2000; i++) {
      sample.sockstat.tcpTw = i % 2 === 0 ? 100 : 200;
      await storeSample(db, { hostId: host.id, at: at(i), sample, rates: NO_RATES, bytes: 1, durationMs: 1 });
    }
    const points = await readSeries(db, host.id, 0, at(1999), 100);
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points.length).toBeGreaterThan(90);
    expect(points[0]!.tw).toBe(150);
  });

  it("records failures with their message, keeps the last 50, and resets the failure count on success", async () => {
    const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
    for (let i = 0; i < 60; i++) await recordPollStatus(db, host.id, { status: "timeout", error: `try ${i}`, at: i });
    expect(await getHost(db, host.id)).toMatchObject({ status: "timeout", lastError: "try 59", consecutiveFailures: 60 });
    expect(await db.get("SELECT COUNT(*) AS n FROM poll_errors")).toEqual({ n: 50 });
    expect((await recentErrors(db, host.id, 1))[0]?.message).toBe("try 59");
    await recordPollStatus(db, host.id, { status: "ok", error: null, at: 100 });
    expect(await getHost(db, host.id)).toMatchObject({ status: "ok", consecutiveFailures: 0, lastOkAt: 100 });
  });

  describe("series with gaps and bands", () => {
    const POLL = 15_000;
    const GAP = 2.5 * POLL;
    const sample = () => parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    const store = async (hostId: number, at: number, tw: number) => {
      const s = sample();
      s.sockstat.tcpTw = tw;
      await storeSample(db, { hostId, at, sample: s, rates: NO_RATES, bytes: 1, durationMs: 1 });
    };

    it("keeps a one-poll spike as the max of its merged point, and the point's span and sample count", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
      const s = sample();
      const stmt = async (i: number) => {
        s.sockstat.tcpTw = i === 700 ? 4033 : 1000;
        await storeSample(db, { hostId: host.id, at: i * POLL, sample: s, rates: NO_RATES, bytes: 1, durationMs: 1 });
      };
      await db.tx(async (db) => {
        for (let i = 0; i < 1200; i++) await stmt(i);
      });
      const points = await readSeries(db, host.id, 0, 1200 * POLL, 100, GAP);
      const spike = points.find((p) => p.twMax === 4033)!;
      expect(spike.tw).toBeLessThan(2000);
      expect(spike.t).toBeLessThanOrEqual(700 * POLL);
      expect(spike.t1).toBeGreaterThanOrEqual(700 * POLL);
      expect(spike.n).toBe((spike.t1! - spike.t) / POLL + 1);
      expect(spike.n).toBeGreaterThan(10);
      expect(points.reduce((n, p) => n + p.n!, 0)).toBe(1200);
    });

    it("splits the bucket a gap falls in, so no point spans missing polls and the gap lies between two points", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
      const times = [0, 15, 30, 45, 196, 211, 226].map((s) => s * 1000);
      for (const t of times) await store(host.id, t, 10);
      // One bucket of 300 s would hold every sample; the 151 s without one splits it.
      const points = await readSeries(db, host.id, 0, 300_000, 1, GAP);
      expect(points.map((p) => [p.t, p.t1, p.n])).toEqual([
        [0, 45_000, 4],
        [196_000, 226_000, 3],
      ]);
      expect(findGaps(points, 0, 240_000, GAP)).toEqual([{ from: 45_000, to: 196_000 }]);
      expect(await readSeries(db, host.id, 0, 300_000, 1)).toHaveLength(1);
    });

    it("stays within maxPoints when gaps split buckets, every gap still between two points", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
      // 1,200 polls in 100 buckets of 12 would be 100 points; 7 stretches of 4 missing polls, each in
      // the middle of a bucket, would split 7 of them.
      const missing = new Set([10, 25, 40, 55, 70, 85, 95].flatMap((b) => [4, 5, 6, 7].map((k) => b * 12 + k)));
      await db.tx(async (db) => {
        for (let i = 0; i < 1200; i++) if (!missing.has(i)) await store(host.id, i * POLL, 1000);
      });
      const points = await readSeries(db, host.id, 0, 1200 * POLL, 100, GAP);
      expect(points.length).toBeLessThanOrEqual(100);
      expect(findGaps(points, 0, 1200 * POLL, GAP)).toHaveLength(7);
      expect(points.reduce((n, p) => n + p.n!, 0)).toBe(1200 - missing.size);
    });

    it("explains a gap by the failing status the host entered during it, older than the last 50 errors kept", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] }, 0);
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: 0 });
      await recordPollStatus(db, host.id, { status: "unreachable", error: "connect ECONNREFUSED 10.0.0.1:22", at: 20_000 });
      for (let i = 1; i <= 80; i++)
        await recordPollStatus(db, host.id, { status: "unreachable", error: `still refused ${i}`, at: 20_000 + i * 300_000 });
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: 30_000_000 });
      await recordPollStatus(db, host.id, { status: "host-key-mismatch", error: "the host presented SHA256:abc", at: 40_000_000 });
      const [first, second, third] = await explainGaps(db, host.id, [
        { from: 0, to: 100_000 },
        { from: 39_000_000, to: 41_000_000 },
        { from: 50_000_000, to: 60_000_000 },
      ]);
      expect(first?.reason).toEqual({ status: "unreachable", message: "connect ECONNREFUSED 10.0.0.1:22" });
      expect(second?.reason).toEqual({ status: "host-key-mismatch", message: "the host presented SHA256:abc" });
      // No poll at all during the third: the host was still failing since the second.
      expect(third?.reason).toEqual({ status: "host-key-mismatch", message: "the host presented SHA256:abc" });
      expect((await readHostEvents(db, host.id, 0, 50_000_000)).map((e) => changeText(english, e))).toEqual([
        "status host key not trusted → ok",
        "status ok → unreachable",
        "status unreachable → ok",
        "status ok → host key changed",
      ]);
    });

    it("gives no reason for a gap nothing was recorded in, and says when the host did not exist yet", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] }, 500_000);
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: 600_000 });
      expect(
        (
          await explainGaps(db, host.id, [
            { from: 0, to: 600_000 },
            { from: 700_000, to: 900_000 },
          ])
        ).map((g) => g.reason),
      ).toEqual([{ beforeAdded: true }, null]);
    });
  });

  describe("change markers", () => {
    it("stores a status change, but not the first poll out of pending", async () => {
      const host = await insertHost(db, {
        name: "h",
        address: "a",
        port: 22,
        username: "u",
        authMethod: "agent",
        tags: [],
        hostKeyFingerprint: "SHA256:x",
      });
      expect(host.status).toBe("pending");
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: 10 });
      await recordPollStatus(db, host.id, { status: "ok", error: null, at: 20 });
      await recordPollStatus(db, host.id, { status: "timeout", error: "no answer in 20 s", at: 30 });
      expect(await readHostEvents(db, host.id, 0, 100)).toEqual([
        { at: 30, kind: "status", subject: "status", before: "ok", after: "timeout" },
      ]);
    });

    const withSysctl = (name: string, value: string, kernel?: string) => {
      const s = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
      s.sysctls[name] = value;
      if (kernel) s.kernel = kernel;
      return s;
    };

    it("stores a TIME_WAIT sysctl change and a kernel change when a sample differs from the latest one", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
      const write = async (at: number, s: ReturnType<typeof withSysctl>) =>
        await storeSample(db, { hostId: host.id, at, sample: s, rates: NO_RATES, bytes: 1, durationMs: 1 });
      await write(1000, withSysctl("net.ipv4.tcp_tw_reuse", "2"));
      await write(2000, withSysctl("net.ipv4.tcp_tw_reuse", "2"));
      await write(3000, withSysctl("net.ipv4.tcp_tw_reuse", "1"));
      await write(4000, withSysctl("net.ipv4.tcp_tw_reuse", "1", "4.18.0-553.el8_10.x86_64"));
      await write(3500, withSysctl("net.ipv4.tcp_tw_reuse", "0"));
      expect(await readHostEvents(db, host.id, 0, 10_000)).toEqual([
        { at: 3000, kind: "sysctl", subject: "net.ipv4.tcp_tw_reuse", before: "2", after: "1" },
        { at: 4000, kind: "kernel", subject: "kernel", before: "3.10.0-1160.el7.x86_64", after: "4.18.0-553.el8_10.x86_64" },
      ]);
    });

    it("keeps the events in the database file across a reopen, and drops them with their host", async () => {
      const host = await insertHost(db, { name: "h", address: "a", port: 22, username: "u", authMethod: "agent", tags: [] });
      await storeSample(db, {
        hostId: host.id,
        at: 1,
        sample: withSysctl("net.ipv4.tcp_max_tw_buckets", "262144"),
        rates: NO_RATES,
        bytes: 1,
        durationMs: 1,
      });
      await storeSample(db, {
        hostId: host.id,
        at: 2,
        sample: withSysctl("net.ipv4.tcp_max_tw_buckets", "5000"),
        rates: NO_RATES,
        bytes: 1,
        durationMs: 1,
      });
      await db.close();
      db = await openDatabase(target);
      expect((await readHostEvents(db, host.id, 0, 10)).map((e) => changeText(english, e))).toEqual(["tcp_max_tw_buckets 262144 → 5000"]);
      await db.run("DELETE FROM hosts WHERE id = ?", [host.id]);
      expect(await db.get("SELECT COUNT(*) AS n FROM host_events")).toEqual({ n: 0 });
    });
  });
});
