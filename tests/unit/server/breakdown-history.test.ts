import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BREAKDOWN_TOP_N, pruneBreakdowns, readBreakdownSeries, rollUpBreakdowns } from "@/server/db/breakdown-history";
import { insertBundleHost } from "@/server/db/hosts";
import type { Db } from "@/server/db/open-database";
import { MINUTE_TIER, QUARTER_TIER, rollUp } from "@/server/db/rollups";
import { storeSample } from "@/server/ingest/record-sample";
import { sampleWithBreakdowns } from "../../support/breakdown-samples";
import { NO_RATES } from "../../support/rates";
import { openTestDatabase } from "../../support/engines";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const POLL = 15_000;
const POLICY = { rawMs: 48 * HOUR, minuteMs: 14 * DAY, quarterMs: 365 * DAY };

describe("TIME_WAIT history per listening port and per destination", () => {
  let dir: string;
  let db: Db;
  let hostId: number;
  const store = async (at: number, ports: Record<number, number>, peers: Record<string, number>) =>
    await storeSample(db, { hostId, at, sample: sampleWithBreakdowns(ports, peers), rates: NO_RATES, bytes: 1, durationMs: 1 });
  const rows = async (sql: string, ...args: unknown[]) => await db.all(sql, [...args]);
  const read = async (kind: "port" | "peer", from: number, to: number, tier: number | null = null, topKeys = 8) =>
    await readBreakdownSeries(db, { hostId, kind, tier, from, to, topKeys });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-breakdowns-"));
    db = await openTestDatabase(dir);
    hostId = (await insertBundleHost(db, "h", NOW)).id;
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps each sample's top entries of both breakdowns, and a destination that starts churning from the sample it appears in", async () => {
    for (let i = 0; i < 8; i++) {
      await store(NOW + i * POLL, { 443: 200 + i }, i < 4 ? { "10.0.0.1:5432": 30 } : { "10.0.0.1:5432": 30, "198.18.0.10:8080": 900 + i });
    }
    const peers = await read("peer", NOW, NOW + 8 * POLL);
    expect(peers.map((k) => [k.key, k.peak])).toEqual([
      ["198.18.0.10:8080", 907],
      ["10.0.0.1:5432", 30],
    ]);
    expect(peers[0]!.points.map((p) => p.t)).toEqual([4, 5, 6, 7].map((i) => NOW + i * POLL));
    expect(peers[0]!.points[0]).toEqual({ t: NOW + 4 * POLL, avg: 904, min: 904, max: 904 });
    expect(peers[1]!.points).toHaveLength(8);
    const ports = await read("port", NOW, NOW + 8 * POLL);
    expect(ports.map((k) => k.key)).toEqual(["443"]);
    expect(ports[0]!.points.map((p) => p.avg)).toEqual([200, 201, 202, 203, 204, 205, 206, 207]);
  });

  it(`stores at most ${BREAKDOWN_TOP_N} entries per breakdown per sample, the biggest, and replaces them when the sample is stored again`, async () => {
    const ports = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [8000 + i, i + 1]));
    const peers = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`10.0.${i}.1:80`, 100 - i]));
    await store(NOW, ports, peers);
    const kept = (await rows("SELECT kind, key, count FROM breakdown_samples WHERE ts = ? ORDER BY kind, count DESC", NOW)) as {
      kind: string;
      key: string;
      count: number;
    }[];
    expect(kept.filter((r) => r.kind === "port").map((r) => r.count)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    expect(kept.filter((r) => r.kind === "peer").map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `10.0.${i}.1:80`));
    await store(NOW, { 22: 1 }, {});
    expect(await rows("SELECT kind, key, count FROM breakdown_samples WHERE ts = ?", NOW)).toEqual([{ kind: "port", key: "22", count: 1 }]);
  });

  it("keeps a one-poll spike of one destination in its 1-minute and 15-minute rollups, against busier steady ones", async () => {
    const steady = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`10.0.${i}.1:80`, 300 + i]));
    const spikeAt = NOW - HOUR + 7 * MINUTE_TIER + 2 * POLL;
    for (let t = NOW - 2 * HOUR; t < NOW; t += POLL)
      await store(t, { 80: 50 }, t === spikeAt ? { ...steady, "198.18.0.99:443": 5000 } : steady);
    await rollUp(db, NOW);
    const minute = await rows(
      "SELECT n, count_min, count_max, count_avg FROM breakdown_rollups WHERE tier = ? AND kind = 'peer' AND key = ?",
      MINUTE_TIER,
      "198.18.0.99:443",
    );
    expect(minute).toEqual([{ n: 1, count_min: 5000, count_max: 5000, count_avg: 5000 }]);
    const quarter = await rows(
      "SELECT ts, count_max FROM breakdown_rollups WHERE tier = ? AND kind = 'peer' AND key = ?",
      QUARTER_TIER,
      "198.18.0.99:443",
    );
    expect(quarter).toEqual([{ ts: NOW - HOUR, count_max: 5000 }]);
    const perBucket = (await rows(
      "SELECT MAX(c) AS most FROM (SELECT COUNT(*) AS c FROM breakdown_rollups WHERE kind = 'peer' GROUP BY tier, ts) AS buckets",
    )) as { most: number }[];
    expect(perBucket[0]!.most).toBe(BREAKDOWN_TOP_N);
    const fromQuarters = await read("peer", NOW - 2 * HOUR, NOW, QUARTER_TIER);
    expect(fromQuarters[0]).toMatchObject({ key: "198.18.0.99:443", peak: 5000 });
    expect(fromQuarters[0]!.points).toEqual([{ t: NOW - HOUR, avg: 5000, min: 5000, max: 5000 }]);
  });

  it("averages a key over the samples that kept it, not counting a sample without it as 0", async () => {
    await store(NOW, {}, { "10.0.0.1:80": 100 });
    await store(NOW + POLL, {}, { "10.0.0.2:80": 7 });
    await store(NOW + 2 * POLL, {}, { "10.0.0.1:80": 300 });
    await rollUpBreakdowns(db, NOW + MINUTE_TIER);
    expect(await rows("SELECT key, n, count_min, count_avg FROM breakdown_rollups WHERE tier = ? ORDER BY key", MINUTE_TIER)).toEqual([
      { key: "10.0.0.1:80", n: 2, count_min: 100, count_avg: 200 },
      { key: "10.0.0.2:80", n: 1, count_min: 7, count_avg: 7 },
    ]);
  });

  it(`keeps the top ${BREAKDOWN_TOP_N} of each host and each breakdown in a minute that several hosts share`, async () => {
    const other = (await insertBundleHost(db, "other", NOW)).id;
    const many = (base: number) =>
      Object.fromEntries(Array.from({ length: BREAKDOWN_TOP_N + 2 }, (_, i) => [`10.${base}.${i}.1:80`, base + i]));
    await store(NOW, { 443: 5 }, many(100));
    await storeSample(db, {
      hostId: other,
      at: NOW,
      sample: sampleWithBreakdowns({ 8080: 9 }, many(1)),
      rates: NO_RATES,
      bytes: 1,
      durationMs: 1,
    });
    await rollUpBreakdowns(db, NOW + MINUTE_TIER);
    const kept = (await rows(
      "SELECT host_id, kind, COUNT(*) AS n, MIN(count_max) AS least FROM breakdown_rollups WHERE tier = ? GROUP BY host_id, kind ORDER BY host_id, kind",
      MINUTE_TIER,
    )) as { host_id: number; kind: string; n: number; least: number }[];
    expect(kept.map((r) => ({ ...r, host_id: Number(r.host_id), n: Number(r.n) }))).toEqual([
      { host_id: hostId, kind: "peer", n: BREAKDOWN_TOP_N, least: 102 },
      { host_id: hostId, kind: "port", n: 1, least: 5 },
      { host_id: other, kind: "peer", n: BREAKDOWN_TOP_N, least: 3 },
      { host_id: other, kind: "port", n: 1, least: 9 },
    ]);
  });

  it("folds each bucket once, however often it runs", async () => {
    for (let t = NOW - 10 * MINUTE_TIER; t < NOW; t += POLL) await store(t, { 443: 10 }, {});
    await rollUp(db, NOW);
    await rollUp(db, NOW + 30_000);
    expect(await rows("SELECT SUM(n) AS n FROM breakdown_rollups WHERE tier = ?", MINUTE_TIER)).toEqual([{ n: 40 }]);
  });

  it("prunes raw rows with the totals' retention, and rollups after 7 days (1-minute) and 30 days (15-minute) at most", async () => {
    await store(NOW - 49 * HOUR, { 443: 1 }, { "10.0.0.1:80": 1 });
    await store(NOW - HOUR, { 443: 2 }, { "10.0.0.1:80": 2 });
    await rollUp(db, NOW);
    const insert = (...args: unknown[]) =>
      db.run(
        "INSERT INTO breakdown_rollups (host_id, tier, kind, ts, key, n, count_min, count_max, count_avg) VALUES (?, ?, 'peer', ?, ?, 1, 1, 1, 1)",
        args,
      );
    await insert(hostId, MINUTE_TIER, NOW - 8 * DAY, "x");
    await insert(hostId, QUARTER_TIER, NOW - 31 * DAY, "x");
    await insert(hostId, MINUTE_TIER, NOW - 6 * DAY, "kept");
    await insert(hostId, QUARTER_TIER, NOW - 29 * DAY, "kept");
    expect(await pruneBreakdowns(db, NOW, POLICY, [hostId])).toBe(4);
    expect(await rows("SELECT COUNT(*) AS n FROM breakdown_rollups WHERE key = 'kept'")).toEqual([{ n: 2 }]);
    expect(await rows("SELECT ts, kind FROM breakdown_samples ORDER BY kind")).toEqual([
      { ts: NOW - HOUR, kind: "peer" },
      { ts: NOW - HOUR, kind: "port" },
    ]);
    expect(await rows("SELECT COUNT(*) AS n FROM breakdown_rollups WHERE tier = ? AND ts = ?", MINUTE_TIER, NOW - 49 * HOUR)).toEqual([
      { n: 2 },
    ]);
    expect(await rows("SELECT COUNT(*) AS n FROM breakdown_rollups WHERE key = 'x'")).toEqual([{ n: 0 }]);
  });

  it("returns the keys with the highest peaks, each in at most 1,000 points on times shared by all keys", async () => {
    const peers = (t: number) => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`10.0.${i}.1:80`, i * 10 + (t % 7)]));
    for (let t = NOW - 6 * HOUR; t < NOW; t += POLL) await store(t, {}, peers(t / POLL));
    const keys = await read("peer", NOW - 6 * HOUR, NOW, null, 3);
    expect(keys.map((k) => k.key)).toEqual(["10.0.9.1:80", "10.0.8.1:80", "10.0.7.1:80"]);
    for (const k of keys) expect(k.points.length).toBeLessThanOrEqual(1000);
    expect(keys[0]!.points.length).toBeGreaterThan(700);
    expect(keys[1]!.points.map((p) => p.t)).toEqual(keys[0]!.points.map((p) => p.t));
    expect(keys[0]!.points.every((p) => p.min <= p.avg && p.avg <= p.max)).toBe(true);
  });

  it("deletes a host's history with the host", async () => {
    await store(NOW, { 443: 1 }, { "10.0.0.1:80": 1 });
    await rollUp(db, NOW + MINUTE_TIER);
    await db.run("DELETE FROM hosts WHERE id = ?", [hostId]);
    expect(await rows("SELECT (SELECT COUNT(*) FROM breakdown_samples) + (SELECT COUNT(*) FROM breakdown_rollups) AS n")).toEqual([
      { n: 0 },
    ]);
  });
});
