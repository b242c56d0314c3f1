import "server-only";
import { summarizeSample } from "@/lib/sample/summary";
import type { Db } from "../../db/open-database";
import { latestRates, latestSample } from "../../db/samples";
import { outdatedSummaryHosts, readLatestSummaries, writeSummary, type StoredSummary } from "../../db/summaries";

/**
 * Recomputes, once, each summary that is missing (a sample stored before summaries existed) or stale
 * (of another sample, or another advisor revision) from its sample, and stores it. Every fleet read
 * starts here, so the SQL that filters and counts over the summaries' columns sees every host.
 */
export function refreshSummaries(db: Db): void {
  const outdated = outdatedSummaryHosts(db);
  if (outdated.length === 0) return;
  db.transaction(() => {
    for (const id of outdated) resummarize(db, id);
  })();
}

/** The summary of every host's latest sample, as stored with the sample: one small row per host, no full sample parsed. */
export function fleetSummaries(db: Db): Map<number, StoredSummary> {
  refreshSummaries(db);
  const out = new Map<number, StoredSummary>();
  for (const row of readLatestSummaries(db)) if (row.summary) out.set(row.hostId, row.summary);
  return out;
}

function resummarize(db: Db, hostId: number): void {
  const latest = latestSample(db, hostId);
  if (latest) writeSummary(db, hostId, latest.at, summarizeSample(latest.sample, latestRates(db, hostId)));
}
