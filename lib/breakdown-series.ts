import { z } from "zod";
import type { BreakdownKeyDto } from "./dto";
import { DEFAULT_RANGE, RANGES, type Range } from "./series-range";

export const BREAKDOWN_KINDS = ["port", "peer"] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

export const breakdownQuerySchema = z.object({
  range: z.enum(RANGES as [Range, ...Range[]]).default(DEFAULT_RANGE),
  kind: z.enum(BREAKDOWN_KINDS),
});

/** How a key is named in a legend: ports as "port 443", destinations as they are ("10.0.0.5:5432"). */
export function breakdownLabel(kind: BreakdownKind, key: string): string {
  return kind === "port" ? `port ${key}` : key;
}

/** One row per point time for a chart with one line per key; a key without a point at a time is null there (a break). */
export interface BreakdownRow {
  t: number;
  [field: `k${number}`]: number | null;
}

export interface BreakdownCell { avg: number; min: number; max: number }

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
    cells.get(t)!.forEach((c, i) => { row[`k${i}`] = c?.avg ?? null; });
    return row;
  });
  return { rows, cells };
}
