import "server-only";
import { rollUpBreakdowns } from "./breakdown-history";
import type { Db } from "./db";
import { setExcluded } from "./dialect";
import { dropDaysBefore } from "./postgres/partitions";

export const MINUTE_TIER = 60_000;
export const QUARTER_TIER = 15 * 60_000;

export interface RetentionPolicy {
  rawMs: number;
  minuteMs: number;
  quarterMs: number;
}

const ROLLUP_VALUES = [
  "n",
  "tw_min",
  "tw_max",
  "tw_avg",
  "estab_avg",
  "tw_server_avg",
  "tw_client_avg",
  "tw_rate",
  "tw_overflow_rate",
  "tw_recycled_rate",
  "active_opens_rate",
];

/** Where a fold's select names its host (and kind): `host_id = ? AND` on SQLite, nothing on PostgreSQL (see `foldScopes`). */
export const HOST_SCOPE = "@@host@@";

async function progress(db: Db, tier: number): Promise<number> {
  return (await db.get<{ done_until: number }>("SELECT done_until FROM rollup_progress WHERE tier = ?", [tier]))?.done_until ?? 0;
}

async function setProgress(db: Db, tier: number, until: number): Promise<void> {
  await db.run(
    "INSERT INTO rollup_progress (tier, done_until) VALUES (?, ?) ON CONFLICT (tier) DO UPDATE SET done_until = excluded.done_until",
    [tier, until],
  );
}

/**
 * Folds every whole bucket that ended before `now` into its tier, once: 1-minute buckets from raw
 * samples, 15-minute buckets from 1-minute ones. Min and max are kept, so spikes survive.
 */
export async function rollUp(db: Db, now: number): Promise<void> {
  const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
  await fold(
    db,
    MINUTE_TIER,
    minuteEnd,
    `
    SELECT host_id, ${MINUTE_TIER}, (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} AS b, COUNT(*), MIN(tw), MAX(tw), AVG(tw), AVG(estab),
           AVG(tw_server), AVG(tw_client), AVG(tw_rate), AVG(tw_overflow_rate), AVG(tw_recycled_rate), AVG(active_opens_rate)
    FROM samples WHERE ${HOST_SCOPE} ts >= ? AND ts < ? GROUP BY host_id, b`,
  );
  await fold(
    db,
    QUARTER_TIER,
    Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER,
    `
    SELECT host_id, ${QUARTER_TIER}, (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} AS b, SUM(n), MIN(tw_min), MAX(tw_max),
           SUM(tw_avg * n) / SUM(n), SUM(estab_avg * n) / SUM(n), SUM(tw_server_avg * n) / SUM(n), SUM(tw_client_avg * n) / SUM(n),
           AVG(tw_rate), AVG(tw_overflow_rate), AVG(tw_recycled_rate), AVG(active_opens_rate)
    FROM rollups WHERE ${HOST_SCOPE} tier = ${MINUTE_TIER} AND ts >= ? AND ts < ? GROUP BY host_id, b`,
  );
  await rollUpBreakdowns(db, now);
}

/**
 * The statement one fold runs and the values it binds first, once per run: on SQLite one run per host (and
 * per kind, when `kinds` are given), so every read is a range of the primary key (a scan of the whole samples
 * table would hold SQLite's one write lock for most of a second on a large fleet); on PostgreSQL one run for
 * the whole fleet, reading the buckets' rows through the time indexes (BRIN on the raw tables, a B-tree on the
 * rollups), as 10,000 single-host statements a minute would keep a backend busy for seconds of every minute.
 */
export async function foldScopes(db: Db, sql: string, kinds: readonly string[] = []): Promise<{ sql: string; runs: unknown[][] }> {
  if (db.engine === "postgres") return { sql: sql.replaceAll(HOST_SCOPE, ""), runs: [[]] };
  const hostIds = (await db.all<{ id: number }>("SELECT id FROM hosts")).map((h) => h.id);
  return kinds.length
    ? { sql: sql.replaceAll(HOST_SCOPE, "host_id = ? AND kind = ? AND"), runs: hostIds.flatMap((id) => kinds.map((k) => [id, k])) }
    : { sql: sql.replaceAll(HOST_SCOPE, "host_id = ? AND"), runs: hostIds.map((id) => [id]) };
}

/** Inserts the rows `select` yields for [progress, end) into the tier and moves its progress to `end`, in one transaction. */
async function fold(db: Db, tier: number, end: number, select: string): Promise<void> {
  const from = await progress(db, tier);
  if (end <= from) return;
  const insert = await foldScopes(
    db,
    `
    INSERT INTO rollups (host_id, tier, ts, ${ROLLUP_VALUES.join(", ")})
    ${select}
    ON CONFLICT (host_id, tier, ts) DO UPDATE SET ${setExcluded(ROLLUP_VALUES)}
  `,
  );
  await db.tx(async (t) => {
    for (const run of insert.runs) await t.run(insert.sql, [...run, from, end]);
    await setProgress(t, tier, end);
  });
}

/** Deletes what each tier no longer keeps, one host at a time so no single statement holds the database long. */
export async function prune(db: Db, now: number, policy: RetentionPolicy, hostIds: number[]): Promise<number> {
  let removed = await dropDaysBefore(db, "samples", now - policy.rawMs);
  const tier = "DELETE FROM rollups WHERE host_id = ? AND tier = ? AND ts < ?";
  for (const id of hostIds) {
    removed += await db.run("DELETE FROM samples WHERE host_id = ? AND ts < ?", [id, now - policy.rawMs]);
    removed += await db.run(tier, [id, MINUTE_TIER, now - policy.minuteMs]);
    removed += await db.run(tier, [id, QUARTER_TIER, now - policy.quarterMs]);
  }
  return removed;
}
