import "server-only";
import type { SeriesDto, SeriesPointDto } from "@/lib/dto";
import { findGaps, GAP_INTERVALS } from "@/lib/series/gaps";
import { RANGE_MS, type Range } from "@/lib/series/range";
import { explainGaps, readHostEvents } from "../../db/host-events";
import { MINUTE_TIER, QUARTER_TIER } from "../../db/rollups";
import { latestSampleAt, readRollupSeries, readSeries } from "../../db/samples";
import type { AppContext } from "../../context";
import { requireHost } from "./host-detail";

/**
 * A host's chart series for a range, from raw samples while they are kept, else from the rollup
 * tier that covers it; with the gaps where polls were due and brought nothing, and the changes
 * (status, kernel, TIME_WAIT sysctls) to mark. Bundle hosts are never polled, so they have no gaps.
 */
export async function hostSeries({ db, config }: AppContext, id: number, range: Range, now = Date.now()): Promise<SeriesDto> {
  const host = await requireHost(db, id);
  const from = now - RANGE_MS[range];
  const gapMs = host.transport === "bundle" ? undefined : GAP_INTERVALS * config.pollIntervalMs;
  let source: SeriesDto["source"] = "raw";
  let points: SeriesPointDto[];
  if (RANGE_MS[range] <= config.retention.rawMs) points = await readSeries(db, id, from, now, undefined, gapMs);
  else {
    source = RANGE_MS[range] <= config.retention.minuteMs ? "1m" : "15m";
    points = await readRollupSeries(db, id, source === "1m" ? MINUTE_TIER : QUARTER_TIER, from, now, undefined, gapMs);
  }
  const unfolded = source === "raw" ? null : await latestSampleAt(db, id);
  const gaps = gapMs === undefined ? [] : await explainGaps(db, id, findGaps(points, from, now, gapMs, unfolded));
  return { hostId: id, range, source, from, to: now, points, gaps, events: await readHostEvents(db, id, from, now) };
}
