import "server-only";
import { pruneSignInHistory } from "./auth/password-guard";
import { pruneBreakdowns } from "./db/breakdown-history";
import type { Duty } from "./collect/duty";
import { pruneCollectors } from "./db/collectors";
import type { Db } from "./db/db";
import { pruneHostEvents } from "./db/host-events";
import { hostIdsFor } from "./db/host-scopes";
import { pruneRateCounters } from "./db/rate-counters";
import { prune, rollUp, type RetentionPolicy } from "./db/rollups";
import { deleteStaleSnapshots } from "./db/snapshots";

/** One retention step: fold finished minutes into rollups, then drop what each tier no longer keeps. */
async function runRetention(db: Db, policy: RetentionPolicy, now = Date.now()): Promise<void> {
  await rollUp(db, now);
  const hostIds = await hostIdsFor(db);
  await prune(db, now, policy, hostIds);
  await pruneBreakdowns(db, now, policy, hostIds);
  // Markers and gap reasons live as long as the longest history they annotate.
  await pruneHostEvents(db, now - Math.max(policy.minuteMs, policy.quarterMs), hostIds);
  await deleteStaleSnapshots(db, now);
  await pruneCollectors(db, now - 86_400_000);
  await pruneRateCounters(db, now);
  await pruneSignInHistory(db, now);
}

/**
 * Every minute: fold finished minutes into rollups, then drop what each tier no longer keeps, host
 * events past the longest tier, snapshots expired or revoked over 30 days ago, collectors silent for a day,
 * the counts of rate limits whose window has ended, and the networks an account has not signed in from for
 * 30 days. With several processes on one database, only the one holding `duty` does it.
 * Each step is short (a minute of samples; on SQLite one host at a time, on PostgreSQL one statement
 * per table for the whole fleet, which readers never wait for), so polls and page loads wait at most
 * for one of them; a step never starts while the one before runs; the timer does not keep the process alive.
 */
export function startRetention(db: Db, policy: RetentionPolicy, duty?: Duty, everyMs = 60_000): () => void {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = (async () => {
      if (!duty || (await duty.active())) await runRetention(db, policy);
    })()
      .catch((err: Error) => {
        if (db.open) console.error("twscope: retention step failed:", err.message);
      })
      .finally(() => (running = null));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  setImmediate(run);
  return () => clearInterval(timer);
}
