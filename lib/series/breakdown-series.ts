import { z } from "zod";
import type { BreakdownKeyDto } from "../dto";
import { DEFAULT_RANGE, RANGES, type Range } from "./range";

const BREAKDOWN_KINDS = ["port", "peer"] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

export const breakdownQuerySchema = z.object({
  range: z.enum(RANGES as [Range, ...Range[]]).default(DEFAULT_RANGE),
  kind: z.enum(BREAKDOWN_KINDS),
});

/** One row per point time for a chart with one line per key; a key without a point at a time is null there (a break). */
export interface BreakdownRow {
  t: number;
  [field: `k${number}`]: number | null;
}

export interface BreakdownCell {
  avg: number;
  min: number;
  max: number;
}

/**
 * Merges the keys' points into rows on one time axis. Values are in fields `k0`, `k1`, … in key
 * order; `cells` gives min and max of each, for the tooltip.
 */
export function breakdownRows(keys: readonly BreakdownKeyDto[]): { rows: BreakdownRow[]; cells: Map<number, (BreakdownCell | null)[]> } {
  const cells = new Map<number, (BreakdownCell | null)[]>();
  keys.forEach((k, i) => {
    for (const p of k.points) {
      let at = cells.get(p.t);
      if (!at) cells.set(p.t, (at = Array<BreakdownCell | null>(keys.length).fill(null)));
      at[i] = { avg: p.avg, min: p.min, max: p.max };
    }
  });
  const times = [...cells.keys()].sort((a, b) => a - b);
  const rows = times.map((t) => {
    const row: BreakdownRow = { t };
    cells.get(t)!.forEach((c, i) => {
      row[`k${i}`] = c?.avg ?? null;
    });
    return row;
  });
  return { rows, cells };
}

/** Per key, the rows where it has a value but neither neighbour does: no line segment shows them, so they need a dot. */
export function lonePoints(rows: readonly BreakdownRow[], keyCount: number): Set<number>[] {
  const at = (i: number, k: number) => rows[i]?.[`k${k}`] ?? null;
  return Array.from({ length: keyCount }, (_, k) => {
    const lone = new Set<number>();
    rows.forEach((_, i) => {
      if (at(i, k) !== null && at(i - 1, k) === null && at(i + 1, k) === null) lone.add(i);
    });
    return lone;
  });
}

const MINUTE = 60_000;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);

/** Round tick times across [from, to]: the smallest step of the list that gives at most `most` ticks. */
export function timeTicks(from: number, to: number, most = 8): number[] {
  const step = TICK_STEPS.find((s) => (to - from) / s <= most) ?? Math.ceil((to - from) / most / (1440 * MINUTE)) * 1440 * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/**
 * At most `max` points per key, in time buckets shared by every key (so the lines stay aligned):
 * averages weighted by the points merged, lowest and highest kept so a spike survives.
 */
export function downsampleBreakdown<T extends { from: number; to: number; keys: BreakdownKeyDto[] }>(series: T, max: number): T {
  if (series.keys.every((k) => k.points.length <= max)) return series;
  const size = Math.floor((series.to - series.from) / max) + 1;
  const bucketOf = (t: number) => Math.floor((t - series.from) / size);
  const firstTime = new Map<number, number>();
  for (const k of series.keys)
    for (const p of k.points) firstTime.set(bucketOf(p.t), Math.min(p.t, firstTime.get(bucketOf(p.t)) ?? Infinity));
  const keys = series.keys.map((k) => {
    const runs = new Map<number, BreakdownKeyDto["points"]>();
    for (const p of k.points) {
      const run = runs.get(bucketOf(p.t));
      if (run) run.push(p);
      else runs.set(bucketOf(p.t), [p]);
    }
    const points = [...runs].map(([b, run]) => ({
      t: firstTime.get(b)!,
      avg: Math.round((run.reduce((s, p) => s + p.avg, 0) / run.length) * 10) / 10,
      min: Math.min(...run.map((p) => p.min)),
      max: Math.max(...run.map((p) => p.max)),
    }));
    return { ...k, points };
  });
  return { ...series, keys };
}
