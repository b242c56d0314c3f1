import "server-only";
import { SUMMARY_REVISION, type SampleSummary } from "@/lib/sample/summary";
import type { Db } from "./db";
import { searchableText, storedTextColumn } from "./stored-text";

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

/**
 * Stores the summary of a host's sample, replacing the previous one: as JSON, with the figures the fleet
 * sorts and adds up and its worst finding in columns, and each finding as a row (see `server/db/fleet-rows.ts`).
 * The worst title is kept in every language, for the fleet search; each finding's title as its message.
 */
export async function writeSummary(db: Db, hostId: number, at: number, summary: SampleSummary): Promise<void> {
  const worst = summary.findings[0];
  const { counts } = summary;
  await db.run(
    `
    INSERT INTO latest_summaries (host_id, ts, revision, summary, tw, estab, new_conn_rate, worst_severity, worst_title)
    VALUES (@hostId, @at, @revision, @summary, @tw, @estab, @rate, @worstSeverity, @worstTitle)
    ON CONFLICT (host_id) DO UPDATE SET ts = excluded.ts, revision = excluded.revision, summary = excluded.summary,
      tw = excluded.tw, estab = excluded.estab, new_conn_rate = excluded.new_conn_rate,
      worst_severity = excluded.worst_severity, worst_title = excluded.worst_title
  `,
    {
      hostId,
      at,
      revision: SUMMARY_REVISION,
      summary: JSON.stringify(summary),
      tw: counts.timeWait,
      estab: counts.established,
      rate: counts.newConnectionsPerSec,
      worstSeverity: worst?.severity ?? null,
      worstTitle: worst ? searchableText(worst.title) : null,
    },
  );
  await db.run("DELETE FROM latest_findings WHERE host_id = ?", [hostId]);
  if (summary.findings.length === 0) return;
  await db.run(
    `INSERT INTO latest_findings (host_id, position, rule_id, severity, title) VALUES ${summary.findings.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
    summary.findings.flatMap((f, i) => [hostId, i, f.ruleId, f.severity, storedTextColumn(f.title)]),
  );
}

/**
 * Hosts whose stored summary is missing, of an older sample, or of another summary revision. Read
 * through indexes only (never a full sample), so it is cheap enough to ask before every fleet read.
 */
export async function outdatedSummaryHosts(db: Db): Promise<number[]> {
  const rows = await db.all<{ host_id: number }>(
    `
    SELECT l.host_id FROM latest_samples l LEFT JOIN latest_summaries s ON s.host_id = l.host_id
    WHERE s.host_id IS NULL OR s.ts <> l.ts OR s.revision <> ?
  `,
    [SUMMARY_REVISION],
  );
  return rows.map((r) => r.host_id);
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
