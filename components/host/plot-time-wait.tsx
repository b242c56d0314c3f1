"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPointDto } from "@/lib/dto";
import { formatCount, formatTick } from "@/lib/format";
import { RANGES, type Range } from "@/lib/series-range";
import { ChartFrame, ChartStatus, type SeriesState } from "./chart-frame";

const spanOf = (points: SeriesPointDto[]) => (points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0);

interface PlotProps extends SeriesState {
  range: Range;
  /** Absent in a snapshot: the range is the one frozen. */
  onRange?: (r: Range) => void;
  maxBuckets: number | null;
}

/** TIME_WAIT and ESTABLISHED over the range, with tcp_max_tw_buckets as a line when it is in view. */
export function PlotTimeWait({ points, isPending, error, range, onRange, maxBuckets }: PlotProps) {
  const peak = Math.max(0, ...points.map((p) => Math.max(p.tw ?? 0, p.estab ?? 0)));
  const showLimit = maxBuckets !== null && maxBuckets <= peak * 3;
  const span = spanOf(points);
  return (
    <ChartFrame testId="chart-time-wait" title={<>
      <span className="font-medium">TIME_WAIT over time</span>
      {maxBuckets !== null && !showLimit && <span className="text-xs text-zinc-500">tcp_max_tw_buckets {formatCount(maxBuckets)} (far above)</span>}
      {onRange ? <RangeButtons range={range} onRange={onRange} /> : (
        <span aria-label="Time range" className="rounded bg-zinc-900 px-2 py-0.5 text-xs text-white dark:bg-zinc-100 dark:text-zinc-900" title="fixed in a snapshot">last {range} (frozen)</span>
      )}
    </>}>
      <ChartStatus points={points} isPending={isPending} error={error}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => formatTick(t, span)} fontSize={11} />
            <YAxis fontSize={11} width={60} domain={[0, showLimit ? Math.max(peak, maxBuckets!) : "auto"]} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Legend />
            {showLimit && <ReferenceLine y={maxBuckets!} stroke="#dc2626" strokeDasharray="4 4" label={{ value: "tcp_max_tw_buckets", fontSize: 11, fill: "#dc2626", position: "insideTopRight" }} />}
            <Line type="monotone" dataKey="tw" name="TIME_WAIT" stroke="#d97706" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="estab" name="ESTABLISHED" stroke="#2563eb" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartStatus>
    </ChartFrame>
  );
}

function RangeButtons({ range, onRange }: { range: Range; onRange: (r: Range) => void }) {
  return (
    <span role="group" aria-label="Time range" className="flex gap-1">
      {RANGES.map((r) => (
        <button key={r} type="button" onClick={() => onRange(r)} aria-pressed={r === range}
          className={`rounded px-2 py-0.5 text-xs ${r === range ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 dark:bg-zinc-800"}`}>{r}</button>
      ))}
    </span>
  );
}

/** Per-second rates of TIME_WAIT finished (TcpExt TW), overflowed and reused. */
export function PlotRates({ points, isPending, error }: SeriesState) {
  const span = spanOf(points);
  return (
    <ChartFrame testId="chart-rates" title={<span className="font-medium">TIME_WAIT rates per second</span>}>
      <ChartStatus points={points} isPending={isPending} error={error}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => formatTick(t, span)} fontSize={11} />
            <YAxis fontSize={11} width={60} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => (typeof v === "number" ? v.toFixed(2) : v)} />
            <Legend />
            <Line type="monotone" dataKey="twRate" name="finished TIME_WAIT/s" stroke="#d97706" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="overflowRate" name="overflow/s (destroyed)" stroke="#dc2626" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="reuseRate" name="reused/s" stroke="#059669" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartStatus>
    </ChartFrame>
  );
}
