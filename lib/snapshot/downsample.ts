import type { SeriesPointDto } from "../dto";
import { pointEnd, type Span } from "../series/gaps";

export const SNAPSHOT_MAX_POINTS = 500;

type Field = Exclude<keyof SeriesPointDto, "t" | "t1" | "n" | "twMin" | "twMax">;
const COUNTS: Field[] = ["tw", "estab", "twServer", "twClient"];
const RATES: Field[] = ["twRate", "overflowRate", "reuseRate", "activeOpensRate"];

/**
 * At most `max` points (plus one per gap): neighbours merged into equal runs, averages weighted by sample count,
 * the lowest and highest TIME_WAIT of the run kept so a spike still shows after merging, and the
 * run's time span and sample count kept for the tooltip. No run reaches across a gap.
 */
export function downsampleSeries(
  points: readonly SeriesPointDto[],
  max = SNAPSHOT_MAX_POINTS,
  gaps: readonly Span[] = [],
): SeriesPointDto[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / max);
  const afterGap = new Set(gaps.map((g) => points.findIndex((p) => p.t >= g.to)));
  const out: SeriesPointDto[] = [];
  let run: SeriesPointDto[] = [];
  points.forEach((p, i) => {
    if (run.length === size || (run.length > 0 && afterGap.has(i))) {
      out.push(mergeRun(run));
      run = [];
    }
    run.push(p);
  });
  if (run.length > 0) out.push(mergeRun(run));
  return out;
}

function mergeRun(run: SeriesPointDto[]): SeriesPointDto {
  const point = { t: run[0]!.t, t1: pointEnd(run.at(-1)!), n: run.reduce((s, p) => s + (p.n ?? 1), 0) } as SeriesPointDto;
  for (const f of COUNTS) point[f] = round(average(run, f));
  for (const f of RATES) point[f] = average(run, f);
  point.twMin = extreme(
    run.map((p) => p.twMin ?? p.tw),
    Math.min,
  );
  point.twMax = extreme(
    run.map((p) => p.twMax ?? p.tw),
    Math.max,
  );
  return point;
}

/** Weighted by each point's sample count, so a point of 40 samples outweighs one of a single sample. */
function average(run: SeriesPointDto[], f: Field): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of run) {
    const v = p[f];
    if (v === null) continue;
    sum += v * (p.n ?? 1);
    weight += p.n ?? 1;
  }
  return weight === 0 ? null : sum / weight;
}

function extreme(values: (number | null)[], pick: (...v: number[]) => number): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : pick(...known);
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
