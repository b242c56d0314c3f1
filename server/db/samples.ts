import "server-only";
import type { SeriesPointDto } from "@/lib/dto";
import type { HostChange } from "@/lib/host/changes";
import { ratesOrNull, type CounterReading } from "@/lib/sample/rates";
import { establishedNow, timeWaitNow } from "@/lib/sample/facts";
import type { SampleSummary } from "@/lib/sample/summary";
import type { HostSample, SampleRates } from "@/lib/types";
import { insertBreakdowns } from "./breakdown-history";
import { insertHostEvents } from "./host-events";
import type { Db } from "./db";
import { jsonText, setExcluded } from "./dialect";
import { ensureDayPartitions } from "./postgres/partitions";
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
const SAMPLE_COLUMNS = [
  "tw",
  "tw_server",
  "tw_client",
  "estab",
  "tw_rate",
  "tw_overflow_rate",
  "tw_recycled_rate",
  "tw_killed_rate",
  "paws_passive_rate",
  "active_opens_rate",
  "passive_opens_rate",
  "listen_drops_rate",
];

export async function insertSample(db: Db, w: SampleWrite): Promise<void> {
  const s = w.sample;
  await ensureDayPartitions(db, w.at);
  await db.tx(async (t) => {
    await t.run(
      `
      INSERT INTO samples (host_id, ts, ${SAMPLE_COLUMNS.join(", ")})
      VALUES (@hostId, @at, @tw, @twServer, @twClient, @estab, @twRate, @overflow, @recycled, @killed, @paws,
        @activeOpens, @passiveOpens, @listenDrops)
      ON CONFLICT (host_id, ts) DO UPDATE SET ${setExcluded(SAMPLE_COLUMNS)}
    `,
      {
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
      },
    );
    const reading = JSON.stringify({ uptimeSeconds: s.uptimeSeconds, counters: s.counters });
    await t.run(
      `
      INSERT INTO latest_samples (host_id, ts, sample, bytes, duration_ms, reading) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (host_id) DO UPDATE SET ts = excluded.ts, sample = excluded.sample,
        bytes = excluded.bytes, duration_ms = excluded.duration_ms, reading = excluded.reading
    `,
      [w.hostId, w.at, JSON.stringify(s), w.bytes, w.durationMs, reading],
    );
    await writeSummary(t, w.hostId, w.at, w.summary);
    await insertHostEvents(t, w.hostId, w.at, w.changes);
    await insertBreakdowns(t, w.hostId, w.at, s);
  });
}

/** The kernel release and sysctls of a host's latest sample (read in SQLite, not parsed whole). */
export async function latestFacts(
  db: Db,
  hostId: number,
): Promise<{ at: number; kernel: string | null; sysctls: Record<string, string> } | null> {
  const row = await db.get<{ ts: number; kernel: string | null; sysctls: string | null }>(
    `SELECT ts, ${jsonText(db, "sample", "kernel")} AS kernel, ${jsonText(db, "sample", "sysctls")} AS sysctls
     FROM latest_samples WHERE host_id = ?`,
    [hostId],
  );
  if (!row) return null;
  return { at: row.ts, kernel: row.kernel, sysctls: row.sysctls ? (JSON.parse(row.sysctls) as Record<string, string>) : {} };
}

export async function latestSample(db: Db, hostId: number): Promise<StoredLatest | null> {
  const row = await db.get<{ ts: number; sample: string; bytes: number; duration_ms: number }>(
    "SELECT ts, sample, bytes, duration_ms FROM latest_samples WHERE host_id = ?",
    [hostId],
  );
  if (!row) return null;
  return { at: row.ts, sample: JSON.parse(row.sample) as HostSample, bytes: row.bytes, durationMs: row.duration_ms };
}

/** Every host's latest sample in one read, by host id (for `/metrics`, which reads the whole fleet per scrape). */
export async function listLatestSamples(db: Db): Promise<Map<number, StoredLatest>> {
  const rows = await db.all<{ host_id: number; ts: number; sample: string; bytes: number; duration_ms: number }>(
    "SELECT host_id, ts, sample, bytes, duration_ms FROM latest_samples",
  );
  return new Map(
    rows.map((r) => [r.host_id, { at: r.ts, sample: JSON.parse(r.sample) as HostSample, bytes: r.bytes, durationMs: r.duration_ms }]),
  );
}

export async function latestSampleAt(db: Db, hostId: number): Promise<number | null> {
  return (await db.get<{ ts: number }>("SELECT ts FROM latest_samples WHERE host_id = ?", [hostId]))?.ts ?? null;
}

/** The counters of a host's latest sample, from their own column: the full sample is not read. */
export async function latestReading(db: Db, hostId: number): Promise<CounterReading | null> {
  const row = await db.get<{ ts: number; reading: string }>("SELECT ts, reading FROM latest_samples WHERE host_id = ?", [hostId]);
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
 * rows between the cuts. `rowsSql` (`FROM … WHERE …`) names the rows; the database finds the cuts
 * (each row's time against the one before it, from the primary key) and returns only those, not
 * every timestamp of the range.
 */
async function segmentsOf(
  db: Db,
  rowsSql: string,
  args: unknown[],
  from: number,
  to: number,
  gapMs: number,
  stepMs: number,
): Promise<[number, number][]> {
  if (gapMs >= NO_GAPS) return [[from, to]];
  const cuts = await db.all<{ prev: number; ts: number }>(
    `SELECT prev, ts FROM (SELECT ts, LAG(ts) OVER (ORDER BY ts) AS prev ${rowsSql}) AS t WHERE ts - prev - ? > ? ORDER BY ts`,
    [...args, stepMs, gapMs],
  );
  const segments: [number, number][] = [];
  let start = from;
  for (const cut of cuts) {
    segments.push([start, cut.prev]);
    start = cut.ts;
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
export async function readSeries(
  db: Db,
  hostId: number,
  from: number,
  to: number,
  maxPoints = 1000,
  gapMs = NO_GAPS,
): Promise<SeriesPointDto[]> {
  const aggregate = `
    SELECT MIN(ts) AS t, MAX(ts) AS t1, COUNT(*) AS n, ROUND(AVG(tw)) AS tw, MIN(tw) AS tw_min, MAX(tw) AS tw_max,
           ROUND(AVG(estab)) AS estab, ROUND(AVG(tw_server)) AS tw_server, ROUND(AVG(tw_client)) AS tw_client,
           AVG(tw_rate) AS tw_rate, AVG(tw_overflow_rate) AS overflow, AVG(tw_recycled_rate) AS reuse, AVG(active_opens_rate) AS active
    FROM samples WHERE host_id = @hostId AND ts >= @start AND ts <= @end
    GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY t
  `;
  const segments = await segmentsOf(db, "FROM samples WHERE host_id = ? AND ts >= ? AND ts <= ?", [hostId, from, to], from, to, gapMs, 0);
  const bucket = Math.floor((to - from) / bucketBudget(maxPoints, segments)) + 1;
  const parts = await Promise.all(segments.map(([start, end]) => db.all<SeriesRow>(aggregate, { hostId, start, end, from, bucket })));
  return parts.flat().map(toPoint);
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
export async function readRollupSeries(
  db: Db,
  hostId: number,
  tier: number,
  from: number,
  to: number,
  maxPoints = 1000,
  gapMs = NO_GAPS,
): Promise<SeriesPointDto[]> {
  const aggregate = `
    SELECT MIN(ts) AS t, MAX(ts) + @tier AS t1, SUM(n) AS n, ROUND(SUM(tw_avg * n) / SUM(n)) AS tw, MIN(tw_min) AS tw_min,
           MAX(tw_max) AS tw_max, ROUND(SUM(estab_avg * n) / SUM(n)) AS estab, ROUND(SUM(tw_server_avg * n) / SUM(n)) AS tw_server,
           ROUND(SUM(tw_client_avg * n) / SUM(n)) AS tw_client, AVG(tw_rate) AS tw_rate, AVG(tw_overflow_rate) AS overflow,
           AVG(tw_recycled_rate) AS reuse, AVG(active_opens_rate) AS active
    FROM rollups WHERE host_id = @hostId AND tier = @tier AND ts >= @start AND ts <= @end
    GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY t
  `;
  const segments = await segmentsOf(
    db,
    "FROM rollups WHERE host_id = ? AND tier = ? AND ts >= ? AND ts <= ?",
    [hostId, tier, from, to],
    from,
    to,
    gapMs,
    tier,
  );
  const bucket = Math.max(tier, Math.floor((to - from) / bucketBudget(maxPoints, segments)) + 1);
  const parts = await Promise.all(segments.map(([start, end]) => db.all<SeriesRow>(aggregate, { hostId, tier, start, end, from, bucket })));
  return parts.flat().map(toPoint);
}

/** The rates stored with a host's most recent sample, or null before its second sample. */
export async function latestRates(db: Db, hostId: number): Promise<SampleRates | null> {
  const r = await db.get<Record<string, number | null>>(
    `
    SELECT tw_rate, tw_recycled_rate, tw_killed_rate, tw_overflow_rate, paws_passive_rate, active_opens_rate,
           passive_opens_rate, listen_drops_rate
    FROM samples WHERE host_id = ? ORDER BY ts DESC LIMIT 1
  `,
    [hostId],
  );
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

/** Hosts per sparkline statement: far below either engine's limit on bound values. */
const SPARKLINE_HOSTS_PER_READ = 500;

/**
 * Each host's TIME_WAIT averaged per bucket from `from` on (null where a bucket has no sample), read through
 * the primary key: one statement for up to 500 hosts, so a page of 50 costs one round trip, not 50.
 */
export async function readSparklines(
  db: Db,
  hostIds: number[],
  from: number,
  bucketMs: number,
  count: number,
): Promise<Map<number, (number | null)[]>> {
  const lines = new Map(hostIds.map((id) => [id, Array<number | null>(count).fill(null)]));
  for (let i = 0; i < hostIds.length; i += SPARKLINE_HOSTS_PER_READ) {
    const ids = hostIds.slice(i, i + SPARKLINE_HOSTS_PER_READ);
    const rows = await db.all<{ host_id: number; b: number; tw: number | null }>(
      `
      SELECT host_id, CAST((ts - ?) / ? AS INTEGER) AS b, ROUND(AVG(tw)) AS tw
      FROM samples WHERE host_id IN (${ids.map(() => "?").join(", ")}) AND ts >= ? AND ts < ? GROUP BY host_id, b
    `,
      [from, bucketMs, ...ids, from, from + bucketMs * count],
    );
    for (const r of rows) {
      const line = lines.get(Number(r.host_id));
      if (line && r.b >= 0 && r.b < count) line[r.b] = r.tw;
    }
  }
  return lines;
}
