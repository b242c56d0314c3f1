import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertBundleHost } from "@/server/db/hosts";
import type { Db } from "@/server/db/open-database";
import { MINUTE_TIER, prune, QUARTER_TIER, rollUp } from "@/server/db/rollups";
import { readRollupSeries, readSeries } from "@/server/db/samples";
import { EVENTS_PER_HOST, insertHostEvents, pruneHostEvents, readHostEvents } from "@/server/db/host-events";
import { findGaps } from "@/lib/series/gaps";
import { ensurePartitionsBetween } from "@/server/db/postgres/partitions";
import { openTestDatabase } from "../../support/engines";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const POLICY = { rawMs: 48 * HOUR, minuteMs: 14 * DAY, quarterMs: 365 * DAY };

describe("rollups and retention", () => {
  let dir: string;
  let db: Db;
  let hostId: number;
  const INSERT = "INSERT INTO samples (host_id, ts, tw, estab, tw_rate) VALUES (?, ?, ?, 1, 2)";

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-rollups-"));
    db = await openTestDatabase(dir);
    hostId = (await insertBundleHost(db, "h", NOW)).id;
    // Three days of 15 s samples at 100 TIME_WAIT, with one 5,000 spike 60 hours ago.
    await ensurePartitionsBetween(db, NOW - 72 * HOUR, NOW);
    await db.tx(async (db) => {
      for (let t = NOW - 72 * HOUR; t < NOW; t += 15_000) await db.run(INSERT, [hostId, t, t === NOW - 60 * HOUR ? 5000 : 100]);
    });
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async (sql: string, ...args: unknown[]) => ((await db.get(sql, [...args])) as { n: number }).n;

  it("folds raw samples into 1-minute and 15-minute buckets that keep min, max and count", async () => {
    await rollUp(db, NOW);
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE tier = ?", MINUTE_TIER)).toBe(72 * 60);
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE tier = ?", QUARTER_TIER)).toBe(72 * 4);
    const spikeMinute = await db.get("SELECT n, tw_min, tw_max, tw_avg FROM rollups WHERE tier = ? AND ts = ?", [
      MINUTE_TIER,
      NOW - 60 * HOUR,
    ]);
    expect(spikeMinute).toEqual({ n: 4, tw_min: 100, tw_max: 5000, tw_avg: (5000 + 300) / 4 });
    const spikeQuarter = (await db.get("SELECT n, tw_max, tw_avg FROM rollups WHERE tier = ? AND ts = ?", [
      QUARTER_TIER,
      NOW - 60 * HOUR,
    ])) as { n: number; tw_max: number; tw_avg: number };
    expect(spikeQuarter).toMatchObject({ n: 60, tw_max: 5000 });
    expect(spikeQuarter.tw_avg).toBeCloseTo((5000 + 59 * 100) / 60, 6);
  });

  it("folds each host's samples into that host's buckets when several hosts share the minutes", async () => {
    const other = (await insertBundleHost(db, "other", NOW)).id;
    await db.tx(async (db) => {
      for (let t = NOW - HOUR; t < NOW; t += 15_000) await db.run(INSERT, [other, t, t === NOW - 30 * 60_000 ? 9000 : 7]);
    });
    await rollUp(db, NOW);
    const minute = async (host: number, at: number) =>
      await db.get("SELECT n, tw_min, tw_max FROM rollups WHERE host_id = ? AND tier = ? AND ts = ?", [host, MINUTE_TIER, at]);
    expect(await minute(other, NOW - 30 * 60_000)).toEqual({ n: 4, tw_min: 7, tw_max: 9000 });
    expect(await minute(hostId, NOW - 30 * 60_000)).toEqual({ n: 4, tw_min: 100, tw_max: 100 });
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE host_id = ? AND tier = ?", other, MINUTE_TIER)).toBe(60);
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE host_id = ? AND tier = ?", hostId, MINUTE_TIER)).toBe(72 * 60);
  });

  it("rolls each bucket up once, however often it runs", async () => {
    await rollUp(db, NOW);
    await rollUp(db, NOW + 30_000);
    expect(await count("SELECT SUM(n) AS n FROM rollups WHERE tier = ?", MINUTE_TIER)).toBe(72 * 240);
  });

  it("drops raw samples past 48 h but keeps their minutes, and drops rollups past their own retention", async () => {
    await rollUp(db, NOW);
    await db.run("INSERT INTO rollups (host_id, tier, ts, n) VALUES (?, ?, ?, 1), (?, ?, ?, 1)", [
      hostId,
      MINUTE_TIER,
      NOW - 20 * DAY,
      hostId,
      QUARTER_TIER,
      NOW - 400 * DAY,
    ]);
    await prune(db, NOW, POLICY, [hostId]);
    expect(await count("SELECT MIN(ts) AS n FROM samples")).toBe(NOW - 48 * HOUR);
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE tier = ? AND ts = ?", MINUTE_TIER, NOW - 60 * HOUR)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM rollups WHERE ts IN (?, ?)", NOW - 20 * DAY, NOW - 400 * DAY)).toBe(0);
  });

  it("still shows a spike older than the raw samples, from the rollups, in at most 1,000 points", async () => {
    await rollUp(db, NOW);
    await prune(db, NOW, POLICY, [hostId]);
    expect((await readSeries(db, hostId, NOW - 72 * HOUR, NOW)).every((p) => p.t >= NOW - 48 * HOUR)).toBe(true);
    const points = await readRollupSeries(db, hostId, MINUTE_TIER, NOW - 7 * DAY, NOW);
    expect(points.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...points.map((p) => p.twMax ?? 0))).toBe(5000);
    expect(points[0]!.t).toBe(NOW - 72 * HOUR);
  });

  it("breaks a rollup series where whole minutes have no sample, and keeps the spike as the band's top", async () => {
    const outage = { from: NOW - 30 * HOUR, to: NOW - 30 * HOUR + 10 * 60_000 };
    await db.run("DELETE FROM samples WHERE host_id = ? AND ts >= ? AND ts < ?", [hostId, outage.from, outage.to]);
    await rollUp(db, NOW);
    const gapMs = 2.5 * 15_000;
    // 100-minute points: the 10-minute outage falls inside one of them.
    const points = await readRollupSeries(db, hostId, MINUTE_TIER, NOW - 7 * DAY, NOW, 100, gapMs);
    expect(findGaps(points, NOW - 72 * HOUR, NOW, gapMs)).toEqual([outage]);
    expect(points.some((p) => p.t < outage.to && p.t1! > outage.from)).toBe(false);
    const spike = points.find((p) => p.twMax === 5000)!;
    expect(spike.tw).toBeLessThan(500);
    expect(spike.n).toBe((spike.t1! - spike.t) / 15_000);
    expect(
      (await readRollupSeries(db, hostId, MINUTE_TIER, NOW - 7 * DAY, NOW, 100)).some((p) => p.t < outage.to && p.t1! > outage.from),
    ).toBe(true);
  });

  it("prunes host events past the age limit and beyond the newest ones kept per host", async () => {
    await insertHostEvents(db, hostId, NOW - 400 * DAY, [{ kind: "kernel", subject: "kernel", before: "a", after: "b" }]);
    const flapping = Array.from({ length: EVENTS_PER_HOST + 5 }, (_, i) => i);
    await db.tx(async (db) => {
      for (const i of flapping)
        await insertHostEvents(db, hostId, NOW - DAY + i, [{ kind: "status", subject: "status", before: "ok", after: "timeout" }]);
    });
    await pruneHostEvents(db, NOW - 365 * DAY, [hostId]);
    const kept = await readHostEvents(db, hostId, 0, NOW, EVENTS_PER_HOST * 2);
    expect(kept).toHaveLength(EVENTS_PER_HOST);
    expect(kept[0]!.at).toBe(NOW - DAY + 5);
  });
});
