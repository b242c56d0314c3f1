/** The chart ranges a host page offers, with their length. */
export const RANGE_MS = { "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type Range = keyof typeof RANGE_MS;
export const RANGES = Object.keys(RANGE_MS) as Range[];
export const DEFAULT_RANGE: Range = "1h";

export function rangeOf(value: unknown): Range {
  return typeof value === "string" && value in RANGE_MS ? (value as Range) : DEFAULT_RANGE;
}
