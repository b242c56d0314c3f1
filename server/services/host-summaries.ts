import "server-only";
import type { AnalysisReport } from "@/lib/advice/report";
import type { SampleRates } from "@/lib/types";
import type { Db } from "../db/open-database";
import { statement } from "../db/statements";
import { latestRates, latestSample, readHostSparkline, type StoredLatest } from "../db/samples";
import { analyzeHost } from "./analysis";

/** What the fleet view needs of a host's latest sample: parsed, with its rates and the advisor's report. */
export interface HostSummary {
  latest: StoredLatest;
  rates: SampleRates | null;
  analysis: AnalysisReport | null;
}

interface Cached { at: number; summary: HostSummary }

const SPARK_MINUTES = 60;
const caches = new WeakMap<Db, Map<number, Cached>>();
const sparkCaches = new WeakMap<Db, Map<number, { minute: number; line: (number | null)[] }>>();

function cacheOf(db: Db): Map<number, Cached> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

/**
 * Summaries of the latest sample of every host that has one, parsed and analysed once per sample:
 * a host is recomputed only when a newer sample has landed since the last call. The fleet API, the
 * fleet findings and the fleet page all read through here, so a page load costs one small query
 * rather than a JSON parse and an advisor run per host.
 */
export function latestSummaries(db: Db): Map<number, HostSummary> {
  const cache = cacheOf(db);
  const stamps = statement(db, "SELECT host_id, ts FROM latest_samples").all() as { host_id: number; ts: number }[];
  const out = new Map<number, HostSummary>();
  const live = new Set<number>();
  for (const { host_id: id, ts } of stamps) {
    live.add(id);
    const hit = cache.get(id);
    if (hit && hit.at === ts) { out.set(id, hit.summary); continue; }
    const summary = summarize(db, id);
    if (!summary) continue;
    cache.set(id, { at: summary.latest.at, summary });
    out.set(id, summary);
  }
  for (const id of cache.keys()) if (!live.has(id)) { cache.delete(id); sparkCaches.get(db)?.delete(id); }
  return out;
}

/** One host's summary, from the cache when its latest sample has not changed. */
export function latestSummary(db: Db, hostId: number): HostSummary | null {
  const row = statement(db, "SELECT ts FROM latest_samples WHERE host_id = ?").get(hostId) as { ts: number } | undefined;
  if (!row) return null;
  const hit = cacheOf(db).get(hostId);
  if (hit && hit.at === row.ts) return hit.summary;
  const summary = summarize(db, hostId);
  if (summary) cacheOf(db).set(hostId, { at: summary.latest.at, summary });
  return summary;
}

/**
 * TIME_WAIT over the last hour, one averaged point per clock minute (oldest first). A line is
 * drawn once per minute and host: under polling every host has a new sample at nearly every
 * request, and redrawing each line each time would read an hour of samples per host. The point
 * of the current minute is as of the first request in that minute.
 */
export function sparklineOf(db: Db, hostId: number, now = Date.now()): (number | null)[] {
  const minute = Math.floor(now / 60_000) * 60_000;
  let cache = sparkCaches.get(db);
  if (!cache) sparkCaches.set(db, (cache = new Map()));
  const hit = cache.get(hostId);
  if (hit && hit.minute === minute) return hit.line;
  const line = readHostSparkline(db, hostId, minute - (SPARK_MINUTES - 1) * 60_000, 60_000, SPARK_MINUTES);
  cache.set(hostId, { minute, line });
  return line;
}

function summarize(db: Db, hostId: number): HostSummary | null {
  const latest = latestSample(db, hostId);
  if (!latest) return null;
  const rates = latestRates(db, hostId);
  return { latest, rates, analysis: analyzeHost(db, hostId, latest, rates) };
}
