import "server-only";
import { rollUpBreakdowns } from "./breakdown-history";
import type { Db } from "./db";
import { setExcluded } from "./dialect";
import { HOST_SCOPE, hostIdsFor, runPerHost } from "./host-scopes";
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

/** Inserts the rows `select` yields for [progress, end) into the tier and moves its progress to `end`, in one transaction. */
async function fold(db: Db, tier: number, end: number, select: string): Promise<void> {
  const from = await progress(db, tier);
  if (end <= from) return;
  const insert = `
    INSERT INTO rollups (host_id, tier, ts, ${ROLLUP_VALUES.join(", ")})
    ${select}
    ON CONFLICT (host_id, tier, ts) DO UPDATE SET ${setExcluded(ROLLUP_VALUES)}
  `;
  await db.tx(async (t) => {
    await runPerHost(t, await hostIdsFor(t), insert, [from, end]);
    await setProgress(t, tier, end);
  });
}

/** Deletes what each tier no longer keeps: one host at a time on SQLite so no single statement holds the database long, the whole fleet at once on PostgreSQL (see `runPerHost`). */
export async function prune(db: Db, now: number, policy: RetentionPolicy, hostIds: number[]): Promise<number> {
  let removed = await dropDaysBefore(db, "samples", now - policy.rawMs);
  const tier = `DELETE FROM rollups WHERE ${HOST_SCOPE} tier = ? AND ts < ?`;
  removed += await runPerHost(db, hostIds, `DELETE FROM samples WHERE ${HOST_SCOPE} ts < ?`, [now - policy.rawMs]);
  removed += await runPerHost(db, hostIds, tier, [MINUTE_TIER, now - policy.minuteMs]);
  removed += await runPerHost(db, hostIds, tier, [QUARTER_TIER, now - policy.quarterMs]);
  return removed;
}
