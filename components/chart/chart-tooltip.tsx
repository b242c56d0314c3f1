import { formatCount, formatRate } from "@/lib/format/number";
import { formatDateTime, formatDuration } from "@/lib/format/time";
import type { SeriesGapDto, SeriesPointDto } from "@/lib/dto";
import { pointEnd } from "@/lib/series/gaps";
import type { ChartRow } from "./chart-rows";

interface TooltipProps<R extends ChartRow> { active?: boolean; payload?: readonly { payload?: R }[] }

/** "2026-12-01 14:05:00 – 14:14:59 CET · 40 samples", or the one sample's time. */
function SpanLine({ point }: { point: SeriesPointDto }) {
  const end = pointEnd(point);
  const n = point.n ?? 1;
  return (
    <p className="text-zinc-500">
      {end === point.t ? formatDateTime(point.t) : `${formatDateTime(point.t)} – ${formatDateTime(end, { date: false })}`}
      {n > 1 && ` · ${formatCount(n)} samples`}
    </p>
  );
}

function GapLines({ gap }: { gap: SeriesGapDto }) {
  return (
    <>
      <p className="font-medium">No samples for {formatDuration(gap.to - gap.from)}</p>
      <p className="text-zinc-500">{formatDateTime(gap.from)} – {formatDateTime(gap.to, { date: false })}</p>
      <p>{gap.reason ?? "no reason recorded"}</p>
    </>
  );
}

const BOX = "max-w-xs rounded border border-zinc-300 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900";

/** The TIME_WAIT chart's tooltip: the point's time span, its lowest, average and highest TIME_WAIT. */
export function TooltipTimeWait({ active, payload }: TooltipProps<ChartRow>) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const p = row.point;
  return (
    <div className={BOX} data-testid="tooltip-time-wait">
      {p ? (
        <>
          <SpanLine point={p} />
          <p>TIME_WAIT <b>{formatCount(p.tw)}</b> average · min {formatCount(p.twMin ?? p.tw)} · max <b>{formatCount(p.twMax ?? p.tw)}</b></p>
          <p>ESTABLISHED {formatCount(p.estab)} average</p>
        </>
      ) : row.gap && <GapLines gap={row.gap} />}
    </div>
  );
}

/** The rates chart's tooltip: each rate averaged over the time before the point. */
export function TooltipRates({ active, payload }: TooltipProps<ChartRow>) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const p = row.point;
  return (
    <div className={BOX} data-testid="tooltip-rates">
      {p ? (
        <>
          <SpanLine point={p} />
          <p>entered TIME_WAIT {formatRate(p.twRate)}</p>
          <p>TIME_WAIT ports reused {formatRate(p.reuseRate)}</p>
          <p>not kept (table full) {formatRate(p.overflowRate)}</p>
        </>
      ) : row.gap && <GapLines gap={row.gap} />}
    </div>
  );
}
