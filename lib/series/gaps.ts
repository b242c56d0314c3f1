import type { SeriesPointDto } from "../dto";

/** A stretch without samples counts as a gap past this many poll intervals (jitter and slow probes stay below it). */
export const GAP_INTERVALS = 2.5;

export interface Span {
  from: number;
  to: number;
}

/** The moment a point's samples end: its last sample, else (older snapshots) its first. */
export const pointEnd = (p: SeriesPointDto) => p.t1 ?? p.t;

/**
 * The stretches of [from, to] longer than `gapMs` that no point covers: between points, before
 * the first one and after the last. For rollups, `lastSampleAt` (the newest raw sample) covers
 * the time after the last rollup point up to it: those samples are not folded yet, not missing.
 */
export function findGaps(
  points: readonly SeriesPointDto[],
  from: number,
  to: number,
  gapMs: number,
  lastSampleAt: number | null = null,
): Span[] {
  const covered = points.map((p) => ({ from: p.t, to: pointEnd(p) }));
  const lastEnd = Math.max(from, ...covered.map((c) => c.to));
  if (covered.length > 0 && lastSampleAt !== null && lastSampleAt > lastEnd && lastSampleAt <= to)
    covered.push({ from: lastEnd, to: lastSampleAt });
  covered.sort((a, b) => a.from - b.from);
  const gaps: Span[] = [];
  let end = from;
  for (const c of covered) {
    if (c.from - end > gapMs) gaps.push({ from: end, to: c.from });
    end = Math.max(end, c.to);
  }
  if (to - end > gapMs) gaps.push({ from: end, to });
  return gaps;
}
