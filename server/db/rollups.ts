import "server-only";
import { rollUpBreakdowns } from "./breakdown-history";
import type { Db } from "./open-database";

export const MINUTE_TIER = 60_000;
export const QUARTER_TIER = 15 * 60_000;

export interface RetentionPolicy {
  rawMs: number;
  minuteMs: number;
  quarterMs: number;
}

function progress(db: Db, tier: number): number {
  return (
    (db.prepare("SELECT done_until FROM rollup_progress WHERE tier = ?").get(tier) as { done_until: number } | undefined)?.done_until ?? 0
  );
}

function setProgress(db: Db, tier: number, until: number): void {
  db.prepare(
    "INSERT INTO rollup_progress (tier, done_until) VALUES (?, ?) ON CONFLICT (tier) DO UPDATE SET done_until = excluded.done_until",
  ).run(tier, until);
}

/**
 * Folds every whole bucket that ended before `now` into its tier, once: 1-minute buckets from raw
 * samples, 15-minute buckets from 1-minute ones. Min and max are kept, so spikes survive.
 */
export function rollUp(db: Db, now: number): void {
  const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
  fold(
    db,
    MINUTE_TIER,
    minuteEnd,
    `
    SELECT host_id, ${MINUTE_TIER}, (ts / ${MINUTE_TIER}) * ${MINUTE_TIER} AS b, COUNT(*), MIN(tw), MAX(tw), AVG(tw), AVG(estab),
           AVG(tw_server), AVG(tw_client), AVG(tw_rate), AVG(tw_overflow_rate), AVG(tw_recycled_rate), AVG(active_opens_rate)
    FROM samples WHERE host_id = ? AND ts >= ? AND ts < ? GROUP BY b`,
  );
  fold(
    db,
    QUARTER_TIER,
    Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER,
    `
    SELECT host_id, ${QUARTER_TIER}, (ts / ${QUARTER_TIER}) * ${QUARTER_TIER} AS b, SUM(n), MIN(tw_min), MAX(tw_max),
           SUM(tw_avg * n) / SUM(n), SUM(estab_avg * n) / SUM(n), SUM(tw_server_avg * n) / SUM(n), SUM(tw_client_avg * n) / SUM(n),
           AVG(tw_rate), AVG(tw_overflow_rate), AVG(tw_recycled_rate), AVG(active_opens_rate)
    FROM rollups WHERE host_id = ? AND tier = ${MINUTE_TIER} AND ts >= ? AND ts < ? GROUP BY b`,
  );
  rollUpBreakdowns(db, now);
}

/**
 * Inserts the rows `select` yields for [progress, end) into the tier and moves its progress to `end`,
 * in one transaction. It runs once per host so every read is a range of the primary key: a scan of
 * the whole samples table would hold the write lock for most of a second on a large fleet.
 */
function fold(db: Db, tier: number, end: number, select: string): void {
  const from = progress(db, tier);
  if (end <= from) return;
  const hostIds = (db.prepare("SELECT id FROM hosts").all() as { id: number }[]).map((h) => h.id);
  const insert = db.prepare(`
    INSERT OR REPLACE INTO rollups (host_id, tier, ts, n, tw_min, tw_max, tw_avg, estab_avg, tw_server_avg, tw_client_avg,
                                    tw_rate, tw_overflow_rate, tw_recycled_rate, active_opens_rate)
    ${select}
  `);
  db.transaction(() => {
    for (const id of hostIds) insert.run(id, from, end);
    setProgress(db, tier, end);
  })();
}

/** Deletes what each tier no longer keeps, one host at a time so no single statement holds the database long. */
export function prune(db: Db, now: number, policy: RetentionPolicy, hostIds: number[]): number {
  let removed = 0;
  const raw = db.prepare("DELETE FROM samples WHERE host_id = ? AND ts < ?");
  const tier = db.prepare("DELETE FROM rollups WHERE host_id = ? AND tier = ? AND ts < ?");
  for (const id of hostIds) {
    removed += raw.run(id, now - policy.rawMs).changes;
    removed += tier.run(id, MINUTE_TIER, now - policy.minuteMs).changes;
    removed += tier.run(id, QUARTER_TIER, now - policy.quarterMs).changes;
  }
  return removed;
}
