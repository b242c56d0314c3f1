"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesQuery } from "@/lib/api-client";
import { formatTick } from "@/lib/format";

const RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;

export function ChartTimeWait({ hostId }: { hostId: number }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>("1h");
  const { data, isPending, error } = useQuery(seriesQuery(hostId, range));
  return (
    <figure className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">TIME_WAIT over time</span>
        <span role="group" aria-label="Time range" className="flex gap-1">
          {RANGES.map((r) => (
            <button key={r} type="button" onClick={() => setRange(r)} aria-pressed={r === range}
              className={`rounded px-2 py-0.5 text-xs ${r === range ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 dark:bg-zinc-800"}`}>{r}</button>
          ))}
        </span>
      </figcaption>
      <div className="h-64" data-testid="chart-time-wait">
        {isPending ? <p className="text-sm text-zinc-500" role="status">Loading chart…</p>
          : error ? <p className="text-sm text-red-600" role="alert">Cannot load the series: {error.message}</p>
          : data.points.length === 0 ? <p className="text-sm text-zinc-500">No samples in this range yet.</p>
          : (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data.points} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
                <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => formatTick(t, data.points.at(-1)!.t - data.points[0]!.t)} fontSize={11} />
                <YAxis fontSize={11} width={60} />
                <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
                <Legend />
                <Line type="monotone" dataKey="tw" name="TIME_WAIT" stroke="#d97706" dot={false} isAnimationActive={false} />
                <Line type="monotone" dataKey="estab" name="ESTABLISHED" stroke="#2563eb" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          )}
      </div>
    </figure>
  );
}
