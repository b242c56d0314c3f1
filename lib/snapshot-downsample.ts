import type { SeriesPointDto } from "./dto";

export const SNAPSHOT_MAX_POINTS = 500;

type Field = Exclude<keyof SeriesPointDto, "t" | "twMin" | "twMax">;
const COUNTS: Field[] = ["tw", "estab", "twServer", "twClient"];
const RATES: Field[] = ["twRate", "overflowRate", "reuseRate", "activeOpensRate"];

/**
 * At most `max` points: neighbours merged into equal runs, averages averaged, and the lowest
 * and highest TIME_WAIT of the run kept so a spike still shows after merging.
 */
export function downsampleSeries(points: readonly SeriesPointDto[], max = SNAPSHOT_MAX_POINTS): SeriesPointDto[] {
  if (points.length <= max) return [...points];
  const size = Math.ceil(points.length / max);
  const out: SeriesPointDto[] = [];
  for (let i = 0; i < points.length; i += size) out.push(mergeRun(points.slice(i, i + size)));
  return out;
}

function mergeRun(run: SeriesPointDto[]): SeriesPointDto {
  const point = { t: run[0]!.t } as SeriesPointDto;
  for (const f of COUNTS) point[f] = round(average(run.map((p) => p[f])));
  for (const f of RATES) point[f] = average(run.map((p) => p[f]));
  point.twMin = extreme(run.map((p) => p.twMin ?? p.tw), Math.min);
  point.twMax = extreme(run.map((p) => p.twMax ?? p.tw), Math.max);
  return point;
}

function average(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((s, v) => s + v, 0) / known.length;
}

function extreme(values: (number | null)[], pick: (...v: number[]) => number): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : pick(...known);
}

const round = (v: number | null) => (v === null ? null : Math.round(v));
