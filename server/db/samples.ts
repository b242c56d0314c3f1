import "server-only";
import type { SeriesPointDto } from "@/lib/dto";
import type { HostChange } from "@/lib/host/changes";
import { ratesOrNull, type CounterReading } from "@/lib/sample/rates";
import { establishedNow, timeWaitNow } from "@/lib/sample/facts";
import type { SampleSummary } from "@/lib/sample/summary";
import type { HostSample, SampleRates } from "@/lib/types";
import { insertBreakdowns } from "./breakdown-history";
import { insertHostEvents } from "./host-events";
import type { Db } from "./open-database";
import { statement } from "./statements";
import { writeSummary } from "./summaries";

export interface StoredLatest {
  at: number;
  sample: HostSample;
  bytes: number;
  durationMs: number;
}

export interface SampleWrite {
  hostId: number;
  at: number;
  sample: HostSample;
  rates: SampleRates;
  bytes: number;
  durationMs: number;
  /** What the fleet list shows of the sample, computed before storage. */
  summary: SampleSummary;
  /** Kernel and sysctl changes since the host's previous sample, computed before storage. */
  changes: readonly HostChange[];
}

/**
 * Stores one sample in one transaction: a time-series row, the full latest sample with its
 * counters apart, its summary for the fleet list, its change events and its breakdown entries.
 */
export function insertSample(db: Db, w: SampleWrite): void {
  const s = w.sample;
  db.transaction(() => {
    statement(
      db,
      `
      INSERT OR REPLACE INTO samples (host_id, ts, tw, tw_server, tw_client, estab, tw_rate, tw_overflow_rate,
        tw_recycled_rate, tw_killed_rate, paws_passive_rate, active_opens_rate, passive_opens_rate, listen_drops_rate)
      VALUES (@hostId, @at, @tw, @twServer, @twClient, @estab, @twRate, @overflow, @recycled, @killed, @paws,
        @activeOpens, @passiveOpens, @listenDrops)
    `,
    ).run({
      hostId: w.hostId,
      at: w.at,
      tw: timeWaitNow(s),
      twServer: s.timeWait.server,
      twClient: s.timeWait.client,
      estab: establishedNow(s),
      twRate: w.rates.twPerSec,
      overflow: w.rates.twOverflowPerSec,
      recycled: w.rates.twRecycledPerSec,
      killed: w.rates.twKilledPerSec,
      paws: w.rates.pawsPassivePerSec,
      activeOpens: w.rates.activeOpensPerSec,
      passiveOpens: w.rates.passiveOpensPerSec,
      listenDrops: w.rates.listenDropsPerSec,
    });
    const reading = JSON.stringify({ uptimeSeconds: s.uptimeSeconds, counters: s.counters });
    statement(
      db,
      `
      INSERT INTO latest_samples (host_id, ts, sample, bytes, duration_ms, reading) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (host_id) DO UPDATE SET ts = excluded.ts, sample = excluded.sample,
        bytes = excluded.bytes, duration_ms = excluded.duration_ms, reading = excluded.reading
    `,
    ).run(w.hostId, w.at, JSON.stringify(s), w.bytes, w.durationMs, reading);
    writeSummary(db, w.hostId, w.at, w.summary);
    insertHostEvents(db, w.hostId, w.at, w.changes);
    insertBreakdowns(db, w.hostId, w.at, s);
  })();
}

/** The kernel release and sysctls of a host's latest sample (read in SQLite, not parsed whole). */
export function latestFacts(db: Db, hostId: number): { at: number; kernel: string | null; sysctls: Record<string, string> } | null {
  const row = statement(
    db,
    `
    SELECT ts, json_extract(sample, '$.kernel') AS kernel, json_extract(sample, '$.sysctls') AS sysctls
    FROM latest_samples WHERE host_id = ?
  `,
  ).get(hostId) as { ts: number; kernel: string | null; sysctls: string | null } | undefined;
  if (!row) return null;
  return { at: row.ts, kernel: row.kernel, sysctls: row.sysctls ? (JSON.parse(row.sysctls) as Record<string, string>) : {} };
}

export function latestSample(db: Db, hostId: number): StoredLatest | null {
  const row = statement(db, "SELECT ts, sample, bytes, duration_ms FROM latest_samples WHERE host_id = ?").get(hostId) as
    { ts: number; sample: string; bytes: number; duration_ms: number } | undefined;
  if (!row) return null;
  return { at: row.ts, sample: JSON.parse(row.sample) as HostSample, bytes: row.bytes, durationMs: row.duration_ms };
}

/** Every host's latest sample in one read, by host id (for `/metrics`, which reads the whole fleet per scrape). */
export function listLatestSamples(db: Db): Map<number, StoredLatest> {
  const rows = statement(db, "SELECT host_id, ts, sample, bytes, duration_ms FROM latest_samples").all() as {
    host_id: number;
    ts: number;
    sample: string;
    bytes: number;
    duration_ms: number;
  }[];
  return new Map(
    rows.map((r) => [r.host_id, { at: r.ts, sample: JSON.parse(r.sample) as HostSample, bytes: r.bytes, durationMs: r.duration_ms }]),
  );
}

export function latestSampleAt(db: Db, hostId: number): number | null {
  return (statement(db, "SELECT ts FROM latest_samples WHERE host_id = ?").get(hostId) as { ts: number } | undefined)?.ts ?? null;
}

/** The counters of a host's latest sample, from their own column: the full sample is not read. */
export function latestReading(db: Db, hostId: number): CounterReading | null {
  const row = statement(db, "SELECT ts, reading FROM latest_samples WHERE host_id = ?").get(hostId) as
    { ts: number; reading: string } | undefined;
  if (!row) return null;
  const { uptimeSeconds, counters } = JSON.parse(row.reading) as Omit<CounterReading, "at">;
  return { at: row.ts, uptimeSeconds, counters };
}

interface SeriesRow {
  t: number;
  t1: number;
  n: number;
  tw: number | null;
  tw_min: number | null;
  tw_max: number | null;
  estab: number | null;
  tw_server: number | null;
  tw_client: number | null;
  tw_rate: number | null;
  overflow: number | null;
  reuse: number | null;
  active: number | null;
}

/** Longer than any range: no stretch between samples counts as a gap. */
const NO_GAPS = Number.MAX_SAFE_INTEGER;

/**
 * [from, to] cut where rows `stepMs` apart or more leave over `gapMs` uncovered, as the ranges of
 * rows between the cuts. Only the timestamps are read (from the primary key), so this costs little.
 */
function segmentsOf(db: Db, tsSql: string, args: unknown[], from: number, to: number, gapMs: number, stepMs: number): [number, number][] {
  if (gapMs >= NO_GAPS) return [[from, to]];
  const times = statement(db, tsSql)
    .pluck()
    .all(...args) as number[];
  const segments: [number, number][] = [];
  let start = from;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! - stepMs > gapMs) {
      segments.push([start, times[i - 1]!]);
      start = times[i]!;
    }
  }
  segments.push([start, to]);
  return segments;
}

/**
 * How many buckets the range may be cut into: a gap splits at most one bucket in two, so each gap
 * takes one point off `maxPoints` (at least one bucket is left: more gaps than points cannot all show).
 */
const bucketBudget = (maxPoints: number, segments: unknown[]) => Math.max(1, maxPoints - (segments.length - 1));

/**
 * Samples of one host between two times, averaged into at most `maxPoints` buckets so a chart
 * never receives more points than it can draw. No point merges samples across a stretch longer
 * than `gapMs` without one (a gap splits its bucket), so every gap lies between two points.
 */
export function readSeries(db: Db, hostId: number, from: number, to: number, maxPoints = 1000, gapMs = NO_GAPS): SeriesPointDto[] {
  const aggregate = statement(
    db,
    `
    SELECT MIN(ts) AS t, MAX(ts) AS t1, COUNT(*) AS n, ROUND(AVG(tw)) AS tw, MIN(tw) AS tw_min, MAX(tw) AS tw_max,
           ROUND(AVG(estab)) AS estab, ROUND(AVG(tw_server)) AS tw_server, ROUND(AVG(tw_client)) AS tw_client,
           AVG(tw_rate) AS tw_rate, AVG(tw_overflow_rate) AS overflow, AVG(tw_recycled_rate) AS reuse, AVG(active_opens_rate) AS active
    FROM samples WHERE host_id = @hostId AND ts >= @start AND ts <= @end
    GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY t
  `,
  );
  const segments = segmentsOf(
    db,
    "SELECT ts FROM samples WHERE host_id = ? AND ts >= ? AND ts <= ? ORDER BY ts",
    [hostId, from, to],
    from,
    to,
    gapMs,
    0,
  );
  const bucket = Math.floor((to - from) / bucketBudget(maxPoints, segments)) + 1;
  return segments.flatMap(([start, end]) => (aggregate.all({ hostId, start, end, from, bucket }) as SeriesRow[]).map(toPoint));
}

function toPoint(r: SeriesRow): SeriesPointDto {
  return {
    t: r.t,
    t1: r.t1,
    n: r.n,
    tw: r.tw,
    twMin: r.tw_min,
    twMax: r.tw_max,
    estab: r.estab,
    twServer: r.tw_server,
    twClient: r.tw_client,
    twRate: r.tw_rate,
    overflowRate: r.overflow,
    reuseRate: r.reuse,
    activeOpensRate: r.active,
  };
}

/**
 * Like `readSeries`, from a rollup tier: averages weighted by sample count, min and max kept; a
 * point covers its buckets whole, and a gap is missing buckets lasting longer than `gapMs`.
 */
export function readRollupSeries(
  db: Db,
  hostId: number,
  tier: number,
  from: number,
  to: number,
  maxPoints = 1000,
  gapMs = NO_GAPS,
): SeriesPointDto[] {
  const aggregate = statement(
    db,
    `
    SELECT MIN(ts) AS t, MAX(ts) + @tier AS t1, SUM(n) AS n, ROUND(SUM(tw_avg * n) / SUM(n)) AS tw, MIN(tw_min) AS tw_min,
           MAX(tw_max) AS tw_max, ROUND(SUM(estab_avg * n) / SUM(n)) AS estab, ROUND(SUM(tw_server_avg * n) / SUM(n)) AS tw_server,
           ROUND(SUM(tw_client_avg * n) / SUM(n)) AS tw_client, AVG(tw_rate) AS tw_rate, AVG(tw_overflow_rate) AS overflow,
           AVG(tw_recycled_rate) AS reuse, AVG(active_opens_rate) AS active
    FROM rollups WHERE host_id = @hostId AND tier = @tier AND ts >= @start AND ts <= @end
    GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY t
  `,
  );
  const segments = segmentsOf(
    db,
    "SELECT ts FROM rollups WHERE host_id = ? AND tier = ? AND ts >= ? AND ts <= ? ORDER BY ts",
    [hostId, tier, from, to],
    from,
    to,
    gapMs,
    tier,
  );
  const bucket = Math.max(tier, Math.floor((to - from) / bucketBudget(maxPoints, segments)) + 1);
  return segments.flatMap(([start, end]) => (aggregate.all({ hostId, tier, start, end, from, bucket }) as SeriesRow[]).map(toPoint));
}

/** The rates stored with a host's most recent sample, or null before its second sample. */
export function latestRates(db: Db, hostId: number): SampleRates | null {
  const r = statement(
    db,
    `
    SELECT tw_rate, tw_recycled_rate, tw_killed_rate, tw_overflow_rate, paws_passive_rate, active_opens_rate,
           passive_opens_rate, listen_drops_rate
    FROM samples WHERE host_id = ? ORDER BY ts DESC LIMIT 1
  `,
  ).get(hostId) as Record<string, number | null> | undefined;
  if (!r) return null;
  return ratesOrNull({
    twPerSec: r.tw_rate ?? null,
    twRecycledPerSec: r.tw_recycled_rate ?? null,
    twKilledPerSec: r.tw_killed_rate ?? null,
    twOverflowPerSec: r.tw_overflow_rate ?? null,
    pawsPassivePerSec: r.paws_passive_rate ?? null,
    activeOpensPerSec: r.active_opens_rate ?? null,
    passiveOpensPerSec: r.passive_opens_rate ?? null,
    listenDropsPerSec: r.listen_drops_rate ?? null,
  });
}

/** One host's TIME_WAIT averaged per bucket from `from` on, read through the primary key. */
export function readHostSparkline(db: Db, hostId: number, from: number, bucketMs: number, count: number): (number | null)[] {
  const rows = statement(
    db,
    `
    SELECT CAST((ts - ?) / ? AS INTEGER) AS b, ROUND(AVG(tw)) AS tw
    FROM samples WHERE host_id = ? AND ts >= ? AND ts < ? GROUP BY b
  `,
  ).all(from, bucketMs, hostId, from, from + bucketMs * count) as { b: number; tw: number | null }[];
  const line = Array<number | null>(count).fill(null);
  for (const r of rows) if (r.b >= 0 && r.b < count) line[r.b] = r.tw;
  return line;
}
