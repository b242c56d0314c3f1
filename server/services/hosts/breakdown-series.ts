import "server-only";
import type { BreakdownKind } from "@/lib/series/breakdown-series";
import type { BreakdownSeriesDto } from "@/lib/dto";
import { RANGE_MS, type Range } from "@/lib/series/range";
import { BREAKDOWN_TOP_N, readBreakdownSeries } from "../../db/breakdown-history";
import { MINUTE_TIER, QUARTER_TIER } from "../../db/rollups";
import type { AppContext } from "../../context";
import { requireHost } from "./host-detail";

/** Lines a breakdown chart draws: the busiest keys of the range. */
const BREAKDOWN_CHART_KEYS = 8;

/**
 * A host's busiest listening ports or destinations over a range, with the same source as its
 * TIME_WAIT series (`hostSeries`): raw samples while they are kept, else the rollup tier that covers it.
 */
export async function hostBreakdownSeries(
  { db, config }: AppContext,
  id: number,
  range: Range,
  kind: BreakdownKind,
  now = Date.now(),
): Promise<BreakdownSeriesDto> {
  await requireHost(db, id);
  const from = now - RANGE_MS[range];
  const source = RANGE_MS[range] <= config.retention.rawMs ? "raw" : RANGE_MS[range] <= config.retention.minuteMs ? "1m" : "15m";
  const tier = source === "raw" ? null : source === "1m" ? MINUTE_TIER : QUARTER_TIER;
  const keys = await readBreakdownSeries(db, { hostId: id, kind, tier, from, to: now, topKeys: BREAKDOWN_CHART_KEYS });
  return { hostId: id, range, kind, source, from, to: now, keptPerSample: BREAKDOWN_TOP_N, keys };
}

/** Both breakdowns of a host over a range, as a host snapshot freezes them. */
export async function hostBreakdowns(
  ctx: AppContext,
  id: number,
  range: Range,
  now = Date.now(),
): Promise<Record<BreakdownKind, BreakdownSeriesDto>> {
  return { port: await hostBreakdownSeries(ctx, id, range, "port", now), peer: await hostBreakdownSeries(ctx, id, range, "peer", now) };
}
