import type { SeriesGapDto, SeriesPointDto } from "@/lib/dto";
import { pointEnd } from "@/lib/series/gaps";

/** One x position of a chart: a point of the series, or the null that breaks the lines in a gap. */
export interface ChartRow {
  x: number;
  point: SeriesPointDto | null;
  gap: SeriesGapDto | null;
  /** No neighbour to draw a line to: the point is drawn as a dot. */
  isolated: boolean;
}

export interface TimeWaitRow extends ChartRow {
  tw: number | null;
  estab: number | null;
  /** [lowest, highest] TIME_WAIT of the samples the point merges. */
  band: [number, number] | null;
}

export interface RateRow extends ChartRow {
  twRate: number | null;
  reuseRate: number | null;
  overflowRate: number | null;
}

const gapRow = (g: SeriesGapDto): ChartRow => ({ x: (g.from + g.to) / 2, point: null, gap: g, isolated: false });

/** Points at `xOf`, a null row in the middle of each gap, in time order; lone points marked isolated. */
function rowsOf(points: readonly SeriesPointDto[], gaps: readonly SeriesGapDto[], xOf: (p: SeriesPointDto) => number): ChartRow[] {
  const rows = [...points.map((p): ChartRow => ({ x: xOf(p), point: p, gap: null, isolated: false })), ...gaps.map(gapRow)];
  rows.sort((a, b) => a.x - b.x);
  rows.forEach((r, i) => {
    r.isolated = r.point !== null && !rows[i - 1]?.point && !rows[i + 1]?.point;
  });
  return rows;
}

/** TIME_WAIT points sit in the middle of the time they merge, their band spanning its lowest and highest sample. */
export function timeWaitRows(points: readonly SeriesPointDto[], gaps: readonly SeriesGapDto[]): TimeWaitRow[] {
  return rowsOf(points, gaps, (p) => (p.t + pointEnd(p)) / 2).map((r) => {
    const p = r.point;
    const low = p?.twMin ?? p?.tw ?? null;
    const high = p?.twMax ?? p?.tw ?? null;
    return { ...r, tw: p?.tw ?? null, estab: p?.estab ?? null, band: low !== null && high !== null ? [low, high] : null };
  });
}

/**
 * A rate stored with a sample covers the time since the sample before, so it sits at the end of
 * its point and is drawn as a step back to the previous one.
 */
export function rateRows(points: readonly SeriesPointDto[], gaps: readonly SeriesGapDto[]): RateRow[] {
  return rowsOf(points, gaps, pointEnd).map((r) => ({
    ...r,
    twRate: r.point?.twRate ?? null,
    reuseRate: r.point?.reuseRate ?? null,
    overflowRate: r.point?.overflowRate ?? null,
  }));
}

/** The highest value the chart must show: the band's top, not the average. */
export const peakOf = (rows: readonly TimeWaitRow[]) => Math.max(0, ...rows.map((r) => Math.max(r.band?.[1] ?? 0, r.estab ?? 0)));
