import "server-only";
import { analyzeSample, type Analysis } from "@/lib/advice/analyze";
import { sampleChanges } from "@/lib/host/changes";
import { computeRates, ratesOrNull, readingOf } from "@/lib/sample/rates";
import { summarizeSample } from "@/lib/sample/summary";
import type { HostSample, SampleRates } from "@/lib/types";
import { recordPollStatus } from "../db/hosts";
import type { Db } from "../db/db";
import { insertSample, latestFacts, latestReading, type SampleWrite } from "../db/samples";

/** What a poll or an import produced for one host. */
export interface Produced {
  hostId: number;
  /** When the sample was taken (the collector's clock for a poll, the host's for a bundle). */
  at: number;
  sample: HostSample;
  bytes: number;
  durationMs: number;
}

/**
 * The one write path of samples. Rates come from the host's previous counter reading; then the
 * sample, its summary and changes, and the host's "ok" status (as of `statusAt`) are stored in one
 * transaction. Returns the rates, whether there was a reading before to compute them from, and the
 * advisor's analysis (which the alert rules read next).
 */
export async function recordSample(
  db: Db,
  produced: Produced,
  statusAt = produced.at,
): Promise<{ rates: SampleRates; hadPrevious: boolean; analysis: Analysis }> {
  return db.tx(async (t) => {
    const previous = await latestReading(t, produced.hostId);
    const rates = computeRates(previous, readingOf(produced.sample, produced.at));
    const analysis = await storeSample(t, { ...produced, rates });
    await recordPollStatus(t, produced.hostId, { status: "ok", error: null, at: statusAt });
    return { rates, hadPrevious: previous !== null, analysis };
  });
}

/**
 * Analyses a sample with the rates it comes with (the advisor's summary, kernel and sysctl changes
 * since the host's latest sample) and stores it; returns the analysis. `recordSample` calls it; so do tests and
 * benchmarks that seed samples with rates of their choosing.
 */
export async function storeSample(db: Db, w: Omit<SampleWrite, "summary" | "changes">): Promise<Analysis> {
  const facts = await latestFacts(db, w.hostId);
  // A bundle pasted out of order is no change: it is older than what it would be compared with.
  const changes = facts && facts.at < w.at ? sampleChanges(facts, w.sample) : [];
  const rates = ratesOrNull(w.rates);
  const analysis = analyzeSample(w.sample, rates);
  await insertSample(db, { ...w, summary: summarizeSample(w.sample, rates, analysis), changes });
  return analysis;
}
