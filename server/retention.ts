import "server-only";
import { pruneBreakdowns } from "./db/breakdown-history";
import { pruneHostEvents } from "./db/host-events";
import { listHosts } from "./db/hosts";
import type { Db } from "./db/open-database";
import { prune, rollUp, type RetentionPolicy } from "./db/rollups";
import { deleteStaleSnapshots } from "./db/snapshots";

/**
 * Every minute: fold finished minutes into rollups, then drop what each tier no longer keeps, host
 * events past the longest tier, and snapshots expired or revoked over 30 days ago.
 * Each step is short (a minute of samples; deletes one host at a time), so polls and page loads
 * wait at most for one of them; the timer does not keep the process alive.
 */
export function startRetention(db: Db, policy: RetentionPolicy, everyMs = 60_000): () => void {
  const run = () => {
    try {
      const now = Date.now();
      rollUp(db, now);
      const hostIds = listHosts(db).map((h) => h.id);
      prune(db, now, policy, hostIds);
      pruneBreakdowns(db, now, policy, hostIds);
      // Markers and gap reasons live as long as the longest history they annotate.
      pruneHostEvents(db, now - Math.max(policy.minuteMs, policy.quarterMs), hostIds);
      deleteStaleSnapshots(db, now);
    } catch (err) {
      console.error("twscope: retention step failed:", (err as Error).message);
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  setImmediate(run);
  return () => clearInterval(timer);
}
