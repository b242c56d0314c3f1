import "server-only";
import { SUMMARY_REVISION, type SampleSummary } from "@/lib/sample/summary";
import type { Db } from "./db";

/** A host's sample summary with the time of the sample it summarises. */
export interface StoredSummary extends SampleSummary {
  at: number;
}

export interface LatestSummaryRow {
  hostId: number;
  latestAt: number;
  /** Null when missing, of an older sample, or of another summary revision: then it must be recomputed. */
  summary: StoredSummary | null;
}

/** Stores the summary of a host's sample, replacing the previous one. */
export async function writeSummary(db: Db, hostId: number, at: number, summary: SampleSummary): Promise<void> {
  await db.run(
    `
    INSERT INTO latest_summaries (host_id, ts, revision, summary) VALUES (?, ?, ?, ?)
    ON CONFLICT (host_id) DO UPDATE SET ts = excluded.ts, revision = excluded.revision, summary = excluded.summary
  `,
    [hostId, at, SUMMARY_REVISION, JSON.stringify(summary)],
  );
}

/** Every host that has a latest sample, with its stored summary when that is of the same sample and revision. */
export async function readLatestSummaries(db: Db): Promise<LatestSummaryRow[]> {
  const rows = await db.all<{ host_id: number; ts: number; summary_ts: number | null; revision: number | null; summary: string | null }>(
    `
    SELECT l.host_id, l.ts, s.ts AS summary_ts, s.revision, s.summary
    FROM latest_samples l LEFT JOIN latest_summaries s ON s.host_id = l.host_id
  `,
  );
  return rows.map((r) => ({
    hostId: r.host_id,
    latestAt: r.ts,
    summary:
      r.summary !== null && r.summary_ts === r.ts && r.revision === SUMMARY_REVISION
        ? { at: r.ts, ...(JSON.parse(r.summary) as SampleSummary) }
        : null,
  }));
}
