import "server-only";
import { summarizeSample } from "@/lib/sample/summary";
import type { Db } from "../../db/open-database";
import { latestRates, latestSample } from "../../db/samples";
import { readLatestSummaries, writeSummary, type StoredSummary } from "../../db/summaries";

/**
 * The summary of every host's latest sample, as stored with the sample: one small row per host, no
 * full sample parsed. A summary that is missing (a sample stored before summaries existed) or stale
 * (of another sample, or another advisor revision) is recomputed from its sample once and stored.
 */
export async function fleetSummaries(db: Db): Promise<Map<number, StoredSummary>> {
  const out = new Map<number, StoredSummary>();
  const outdated: number[] = [];
  for (const row of await readLatestSummaries(db)) {
    if (row.summary) out.set(row.hostId, row.summary);
    else outdated.push(row.hostId);
  }
  if (outdated.length > 0) {
    await db.tx(async (t) => {
      for (const id of outdated) {
        const summary = await resummarize(t, id);
        if (summary) out.set(id, summary);
      }
    });
  }
  return out;
}

async function resummarize(db: Db, hostId: number): Promise<StoredSummary | null> {
  const latest = await latestSample(db, hostId);
  if (!latest) return null;
  const summary = summarizeSample(latest.sample, await latestRates(db, hostId));
  await writeSummary(db, hostId, latest.at, summary);
  return { at: latest.at, ...summary };
}
