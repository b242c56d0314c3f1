"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesQuery } from "@/lib/api-client";
import type { SeriesDto, SeriesPointDto } from "@/lib/dto";
import { formatCount, formatTick } from "@/lib/format";
import { RANGES, type Range } from "@/lib/series-range";


function Frame({ title, children, testId }: { title: React.ReactNode; children: React.ReactNode; testId: string }) {
  return (
    <figure className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">{title}</figcaption>
      <div className="h-64" data-testid={testId}>{children}</div>
    </figure>
  );
}

function Status({ points, isPending, error, children }: { points?: SeriesPointDto[]; isPending: boolean; error: Error | null; children: React.ReactNode }) {
  if (isPending) return <p className="text-sm text-zinc-500" role="status">Loading chart…</p>;
  if (error) return <p className="text-sm text-red-600" role="alert">Cannot load the series: {error.message}</p>;
  if (!points?.length) return <p className="text-sm text-zinc-500">No samples in this range yet.</p>;
  return <>{children}</>;
}

/** TIME_WAIT and ESTABLISHED over the chosen range, with tcp_max_tw_buckets as a line when it is in view. */
interface ChartProps { hostId: number; range: Range; onRange: (r: Range) => void; maxBuckets: number | null; initialSeries?: SeriesDto }

export function ChartTimeWait({ hostId, range, onRange, maxBuckets, initialSeries }: ChartProps) {
  const { data, isPending, error } = useQuery({ ...seriesQuery(hostId, range), initialData: initialSeries });
  const points = data?.points ?? [];
  const peak = Math.max(0, ...points.map((p) => Math.max(p.tw ?? 0, p.estab ?? 0)));
  const showLimit = maxBuckets !== null && maxBuckets <= peak * 3;
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <Frame testId="chart-time-wait" title={<>
      <span className="font-medium">TIME_WAIT over time</span>
      {maxBuckets !== null && !showLimit && <span className="text-xs text-zinc-500">tcp_max_tw_buckets {formatCount(maxBuckets)} (far above)</span>}
      <span role="group" aria-label="Time range" className="flex gap-1">
        {RANGES.map((r) => (
          <button key={r} type="button" onClick={() => onRange(r)} aria-pressed={r === range}
            className={`rounded px-2 py-0.5 text-xs ${r === range ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 dark:bg-zinc-800"}`}>{r}</button>
        ))}
      </span>
    </>}>
      <Status points={points} isPending={isPending} error={error}>
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
      </Status>
    </Frame>
  );
}

/** Per-second rates of TIME_WAIT finished (TcpExt TW), overflowed and reused, over the same range. */
export function ChartRates({ hostId, range }: { hostId: number; range: Range }) {
  const { data, isPending, error } = useQuery(seriesQuery(hostId, range));
  const points = data?.points ?? [];
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0;
  return (
    <Frame testId="chart-rates" title={<span className="font-medium">TIME_WAIT rates per second</span>}>
      <Status points={points} isPending={isPending} error={error}>
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
      </Status>
    </Frame>
  );
}
