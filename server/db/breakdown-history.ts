import "server-only";
import type { BreakdownKind } from "@/lib/series/breakdown-series";
import type { BreakdownKeyDto } from "@/lib/dto";
import type { HostSample } from "@/lib/types";
import type { Db } from "./db";
import { dropDaysBefore } from "./postgres/partitions";
import { HOST_SCOPE, hostIdsFor, runPerHost } from "./host-scopes";
import { MINUTE_TIER, QUARTER_TIER, type RetentionPolicy } from "./rollups";

/**
 * Entries of each breakdown a sample keeps, and keys a rollup bucket keeps. A key missing from a
 * sample was not among its top entries: its count is unknown (between 0 and the smallest kept one),
 * so rollups and reads average over the samples that kept it instead of counting it as 0.
 */
export const BREAKDOWN_TOP_N = 10;

const KINDS: readonly BreakdownKind[] = ["port", "peer"];

interface Entry {
  kind: BreakdownKind;
  key: string;
  count: number;
}

/** The top entries of a sample's per-port and per-destination TIME_WAIT, biggest first. */
function topBreakdownEntries(sample: HostSample, n = BREAKDOWN_TOP_N): Entry[] {
  const top = (kind: BreakdownKind, groups: { key: string; count: number }[]) =>
    groups
      .filter((g) => g.count > 0)
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, n)
      .map((g) => ({ kind, ...g }));
  return [
    ...top(
      "port",
      sample.timeWait.byListeningPort.map((g) => ({ key: String(g.port), count: g.count })),
    ),
    ...top(
      "peer",
      sample.timeWait.byPeer.map((g) => ({ key: g.peer, count: g.count })),
    ),
  ];
}

/** Stores one sample's top entries; a sample stored again at the same time replaces its entries. Runs inside insertSample's transaction. */
export async function insertBreakdowns(db: Db, hostId: number, at: number, sample: HostSample): Promise<void> {
  await db.run("DELETE FROM breakdown_samples WHERE host_id = ? AND kind IN ('port', 'peer') AND ts = ?", [hostId, at]);
  const entries = topBreakdownEntries(sample);
  if (entries.length === 0) return;
  await db.run(
    `INSERT INTO breakdown_samples (host_id, kind, ts, key, count) VALUES ${entries.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
    entries.flatMap((e) => [hostId, e.kind, at, e.key, e.count]),
  );
}

/**
 * Folds every whole bucket that ended before `now`, once, as `rollUp` does for the totals: 1-minute
 * buckets from samples, 15-minute ones from 1-minute ones, each keeping its `BREAKDOWN_TOP_N` keys
 * with the highest maximum, so a one-poll spike of one destination survives and rows stay bounded.
 */
export async function rollUpBreakdowns(db: Db, now: number): Promise<void> {
  const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
  await foldTier(
    db,
    MINUTE_TIER,
    minuteEnd,
    `
    SELECT host_id, kind, (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} AS b, key, COUNT(*) AS n, MIN(count) AS lo, MAX(count) AS hi,
           AVG(count) AS av, ROW_NUMBER() OVER (PARTITION BY host_id, kind, (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} ORDER BY MAX(count) DESC, SUM(count) DESC, key) AS rank
    FROM breakdown_samples WHERE ${HOST_SCOPE} ts >= ? AND ts < ? GROUP BY host_id, kind, b, key`,
  );
  await foldTier(
    db,
    QUARTER_TIER,
    Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER,
    `
    SELECT host_id, kind, (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} AS b, key, SUM(n) AS n, MIN(count_min) AS lo, MAX(count_max) AS hi,
           SUM(count_avg * n) / SUM(n) AS av,
           ROW_NUMBER() OVER (PARTITION BY host_id, kind, (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} ORDER BY MAX(count_max) DESC, SUM(count_avg * n) DESC, key) AS rank
    FROM breakdown_rollups WHERE ${HOST_SCOPE} tier = ${MINUTE_TIER} AND ts >= ? AND ts < ? GROUP BY host_id, kind, b, key`,
  );
}

/** One host and kind at a time on SQLite, the whole fleet at once on PostgreSQL (see `runPerHost`). */
async function foldTier(db: Db, tier: number, end: number, select: string): Promise<void> {
  const row = await db.get<{ done_until: number }>("SELECT done_until FROM breakdown_rollup_progress WHERE tier = ?", [tier]);
  const from = row?.done_until ?? 0;
  if (end <= from) return;
  const insert = `
    INSERT INTO breakdown_rollups (host_id, tier, kind, ts, key, n, count_min, count_max, count_avg)
    SELECT host_id, ${tier}, kind, b, key, n, lo, hi, av FROM (${select}) AS ranked WHERE rank <= ${BREAKDOWN_TOP_N}
    ON CONFLICT (host_id, tier, kind, ts, key) DO UPDATE SET
      n = excluded.n, count_min = excluded.count_min, count_max = excluded.count_max, count_avg = excluded.count_avg
  `;
  await db.tx(async (t) => {
    await runPerHost(t, await hostIdsFor(t), insert, [from, end], KINDS);
    await t.run(
      `INSERT INTO breakdown_rollup_progress (tier, done_until) VALUES (?, ?)
      ON CONFLICT (tier) DO UPDATE SET done_until = excluded.done_until`,
      [tier, end],
    );
  });
}

/** Deletes what each tier no longer keeps, with the totals' retention, one host at a time. */
/**
 * The breakdowns cost about 20 rows a sample where the totals cost one, and only the charts read
 * them (7 days at most): their rollups are kept 7 days (1-minute) and 30 days (15-minute) at most,
 * which bounds a busy host near 20 MiB instead of the totals' year.
 */
const BREAKDOWN_MINUTE_MAX_MS = 7 * 86_400_000;
const BREAKDOWN_QUARTER_MAX_MS = 30 * 86_400_000;

export async function pruneBreakdowns(db: Db, now: number, policy: RetentionPolicy, hostIds: number[]): Promise<number> {
  let removed = await dropDaysBefore(db, "breakdown_samples", now - policy.rawMs);
  const minuteMs = Math.min(policy.minuteMs, BREAKDOWN_MINUTE_MAX_MS);
  const quarterMs = Math.min(policy.quarterMs, BREAKDOWN_QUARTER_MAX_MS);
  const tier = `DELETE FROM breakdown_rollups WHERE ${HOST_SCOPE} tier = ? AND ts < ?`;
  removed += await runPerHost(db, hostIds, `DELETE FROM breakdown_samples WHERE ${HOST_SCOPE} ts < ?`, [now - policy.rawMs], KINDS);
  removed += await runPerHost(db, hostIds, tier, [MINUTE_TIER, now - minuteMs], KINDS);
  removed += await runPerHost(db, hostIds, tier, [QUARTER_TIER, now - quarterMs], KINDS);
  return removed;
}

export interface BreakdownRead {
  hostId: number;
  kind: BreakdownKind;
  /** Null for raw samples, else the rollup tier. */
  tier: number | null;
  from: number;
  to: number;
  /** Keys returned, ranked by their peak in the range (then by their total). */
  topKeys: number;
  maxPoints?: number;
}

interface PointRow {
  key: string;
  b: number;
  t: number;
  avg: number;
  min: number;
  max: number;
}

/** The busiest keys of one breakdown over a range, each in at most `maxPoints` buckets shared by all keys. */
export async function readBreakdownSeries(db: Db, r: BreakdownRead): Promise<BreakdownKeyDto[]> {
  const raw = r.tier === null;
  const where = raw
    ? "FROM breakdown_samples WHERE host_id = ? AND kind = ? AND ts >= ? AND ts <= ?"
    : `FROM breakdown_rollups WHERE host_id = ? AND tier = ${r.tier} AND kind = ? AND ts >= ? AND ts <= ?`;
  const args = [r.hostId, r.kind, r.from, r.to];
  const ranked = await db.all<{ key: string; peak: number }>(
    raw
      ? `SELECT key, MAX(count) AS peak ${where} GROUP BY key ORDER BY peak DESC, SUM(count) DESC, key LIMIT ?`
      : `SELECT key, MAX(count_max) AS peak ${where} GROUP BY key ORDER BY peak DESC, SUM(count_avg * n) DESC, key LIMIT ?`,
    [...args, r.topKeys],
  );
  if (ranked.length === 0) return [];
  const maxPoints = r.maxPoints ?? 1000;
  const bucket = Math.max(r.tier ?? 1, Math.floor((r.to - r.from) / maxPoints) + 1);
  const values = raw
    ? "AVG(count) AS avg, MIN(count) AS min, MAX(count) AS max"
    : "SUM(count_avg * n) / SUM(n) AS avg, MIN(count_min) AS min, MAX(count_max) AS max";
  const rows = await db.all<PointRow>(
    `
    SELECT key, CAST((ts - ?) / ? AS INTEGER) AS b, MIN(ts) AS t, ${values}
    ${where} AND key IN (${ranked.map(() => "?").join(", ")}) GROUP BY key, b
  `,
    [r.from, bucket, ...args, ...ranked.map((k) => k.key)],
  );
  return toKeys(ranked, rows);
}

/** Every key's point of a bucket at the bucket's first sample time, so the keys line up on one axis. */
function toKeys(ranked: { key: string; peak: number }[], rows: PointRow[]): BreakdownKeyDto[] {
  const bucketTime = new Map<number, number>();
  for (const p of rows) bucketTime.set(p.b, Math.min(p.t, bucketTime.get(p.b) ?? Infinity));
  const byKey = new Map(ranked.map((k) => [k.key, { key: k.key, peak: k.peak, points: [] as BreakdownKeyDto["points"] }]));
  for (const p of rows)
    byKey.get(p.key)!.points.push({ t: bucketTime.get(p.b)!, avg: Math.round(p.avg * 10) / 10, min: p.min, max: p.max });
  for (const k of byKey.values()) k.points.sort((a, b) => a.t - b.t);
  return [...byKey.values()];
}
