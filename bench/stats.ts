/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of one numeric field over runs. */
export function medianOf<T>(runs: T[], field: { [K in keyof T]: T[K] extends number ? K : never }[keyof T]): number {
  return median(runs.map((r) => r[field] as number));
}

/** Runs `fn` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** A pause where no event says "settled": used between benchmark rounds only. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
