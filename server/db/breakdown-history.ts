import "server-only";
import type { BreakdownKind } from "@/lib/series/breakdown-series";
import type { BreakdownKeyDto } from "@/lib/dto";
import type { HostSample } from "@/lib/types";
import type { Db } from "./open-database";
import { MINUTE_TIER, QUARTER_TIER, type RetentionPolicy } from "./rollups";
import { statement } from "./statements";

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
export function insertBreakdowns(db: Db, hostId: number, at: number, sample: HostSample): void {
  statement(db, "DELETE FROM breakdown_samples WHERE host_id = ? AND kind IN ('port', 'peer') AND ts = ?").run(hostId, at);
  const insert = statement(db, "INSERT INTO breakdown_samples (host_id, kind, ts, key, count) VALUES (?, ?, ?, ?, ?)");
  for (const e of topBreakdownEntries(sample)) insert.run(hostId, e.kind, at, e.key, e.count);
}

/**
 * Folds every whole bucket that ended before `now`, once, as `rollUp` does for the totals: 1-minute
 * buckets from samples, 15-minute ones from 1-minute ones, each keeping its `BREAKDOWN_TOP_N` keys
 * with the highest maximum, so a one-poll spike of one destination survives and rows stay bounded.
 */
export function rollUpBreakdowns(db: Db, now: number): void {
  const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
  foldTier(
    db,
    MINUTE_TIER,
    minuteEnd,
    `
    SELECT host_id, kind, (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} AS b, key, COUNT(*) AS n, MIN(count) AS lo, MAX(count) AS hi,
           AVG(count) AS av, ROW_NUMBER() OVER (PARTITION BY (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} ORDER BY MAX(count) DESC, SUM(count) DESC, key) AS rank
    FROM breakdown_samples WHERE host_id = ? AND kind = ? AND ts >= ? AND ts < ? GROUP BY b, key`,
  );
  foldTier(
    db,
    QUARTER_TIER,
    Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER,
    `
    SELECT host_id, kind, (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} AS b, key, SUM(n) AS n, MIN(count_min) AS lo, MAX(count_max) AS hi,
           SUM(count_avg * n) / SUM(n) AS av,
           ROW_NUMBER() OVER (PARTITION BY (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} ORDER BY MAX(count_max) DESC, SUM(count_avg * n) DESC, key) AS rank
    FROM breakdown_rollups WHERE host_id = ? AND tier = ${MINUTE_TIER} AND kind = ? AND ts >= ? AND ts < ? GROUP BY b, key`,
  );
}

/** One host and kind at a time, so every read is a range of the primary key (see `fold` in rollups.ts). */
function foldTier(db: Db, tier: number, end: number, select: string): void {
  const row = db.prepare("SELECT done_until FROM breakdown_rollup_progress WHERE tier = ?").get(tier) as { done_until: number } | undefined;
  const from = row?.done_until ?? 0;
  if (end <= from) return;
  const hostIds = (db.prepare("SELECT id FROM hosts").all() as { id: number }[]).map((h) => h.id);
  const insert = db.prepare(`
    INSERT OR REPLACE INTO breakdown_rollups (host_id, tier, kind, ts, key, n, count_min, count_max, count_avg)
    SELECT host_id, ${tier}, kind, b, key, n, lo, hi, av FROM (${select}) WHERE rank <= ${BREAKDOWN_TOP_N}
  `);
  db.transaction(() => {
    for (const id of hostIds) for (const kind of KINDS) insert.run(id, kind, from, end);
    db.prepare(
      `INSERT INTO breakdown_rollup_progress (tier, done_until) VALUES (?, ?)
      ON CONFLICT (tier) DO UPDATE SET done_until = excluded.done_until`,
    ).run(tier, end);
  })();
}

/** Deletes what each tier no longer keeps, with the totals' retention, one host at a time. */
/**
 * The breakdowns cost about 20 rows a sample where the totals cost one, and only the charts read
 * them (7 days at most): their rollups are kept 7 days (1-minute) and 30 days (15-minute) at most,
 * which bounds a busy host near 20 MiB instead of the totals' year.
 */
const BREAKDOWN_MINUTE_MAX_MS = 7 * 86_400_000;
const BREAKDOWN_QUARTER_MAX_MS = 30 * 86_400_000;

export function pruneBreakdowns(db: Db, now: number, policy: RetentionPolicy, hostIds: number[]): number {
  let removed = 0;
  const minuteMs = Math.min(policy.minuteMs, BREAKDOWN_MINUTE_MAX_MS);
  const quarterMs = Math.min(policy.quarterMs, BREAKDOWN_QUARTER_MAX_MS);
  const raw = statement(db, "DELETE FROM breakdown_samples WHERE host_id = ? AND kind = ? AND ts < ?");
  const tier = statement(db, "DELETE FROM breakdown_rollups WHERE host_id = ? AND tier = ? AND kind = ? AND ts < ?");
  for (const id of hostIds) {
    for (const kind of KINDS) {
      removed += raw.run(id, kind, now - policy.rawMs).changes;
      removed += tier.run(id, MINUTE_TIER, kind, now - minuteMs).changes;
      removed += tier.run(id, QUARTER_TIER, kind, now - quarterMs).changes;
    }
  }
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
export function readBreakdownSeries(db: Db, r: BreakdownRead): BreakdownKeyDto[] {
  const raw = r.tier === null;
  const where = raw
    ? "FROM breakdown_samples WHERE host_id = ? AND kind = ? AND ts >= ? AND ts <= ?"
    : `FROM breakdown_rollups WHERE host_id = ? AND tier = ${r.tier} AND kind = ? AND ts >= ? AND ts <= ?`;
  const args = [r.hostId, r.kind, r.from, r.to];
  const ranked = statement(
    db,
    raw
      ? `SELECT key, MAX(count) AS peak ${where} GROUP BY key ORDER BY peak DESC, SUM(count) DESC, key LIMIT ?`
      : `SELECT key, MAX(count_max) AS peak ${where} GROUP BY key ORDER BY peak DESC, SUM(count_avg * n) DESC, key LIMIT ?`,
  ).all(...args, r.topKeys) as { key: string; peak: number }[];
  if (ranked.length === 0) return [];
  const maxPoints = r.maxPoints ?? 1000;
  const bucket = Math.max(r.tier ?? 1, Math.floor((r.to - r.from) / maxPoints) + 1);
  const values = raw
    ? "AVG(count) AS avg, MIN(count) AS min, MAX(count) AS max"
    : "SUM(count_avg * n) / SUM(n) AS avg, MIN(count_min) AS min, MAX(count_max) AS max";
  const rows = statement(
    db,
    `
    SELECT key, CAST((ts - ?) / ? AS INTEGER) AS b, MIN(ts) AS t, ${values}
    ${where} AND key IN (SELECT value FROM json_each(?)) GROUP BY key, b
  `,
  ).all(r.from, bucket, ...args, JSON.stringify(ranked.map((k) => k.key))) as PointRow[];
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
