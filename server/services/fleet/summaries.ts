import "server-only";
import { summarizeSample } from "@/lib/sample/summary";
import type { Db } from "../../db/db";
import { latestRates, latestSample } from "../../db/samples";
import { outdatedSummaryHosts, readLatestSummaries, writeSummary, type StoredSummary } from "../../db/summaries";

/**
 * Recomputes, once, each summary that is missing (a sample stored before summaries existed) or stale
 * (of another sample, or another advisor revision) from its sample, and stores it. Every fleet read
 * starts here, so the SQL that filters and counts over the summaries' columns sees every host.
 */
export async function refreshSummaries(db: Db): Promise<void> {
  const outdated = await outdatedSummaryHosts(db);
  if (outdated.length === 0) return;
  await db.tx(async (t) => {
    for (const id of outdated) await resummarize(t, id);
  });
}

/** The summary of every host's latest sample, as stored with the sample: one small row per host, no full sample parsed. */
export async function fleetSummaries(db: Db): Promise<Map<number, StoredSummary>> {
  await refreshSummaries(db);
  const out = new Map<number, StoredSummary>();
  for (const row of await readLatestSummaries(db)) if (row.summary) out.set(row.hostId, row.summary);
  return out;
}

async function resummarize(db: Db, hostId: number): Promise<void> {
  const latest = await latestSample(db, hostId);
  if (latest) await writeSummary(db, hostId, latest.at, summarizeSample(latest.sample, await latestRates(db, hostId)));
}
