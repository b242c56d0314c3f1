"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip } from "recharts";
import { valueTicks } from "../chart/chart-axes";
import { CHART_MARGIN, timeAxis, valueAxis } from "../chart/chart-axis-elements";
import { ChartFrame, ChartStatus, type SeriesState } from "../chart/chart-frame";
import { eventLines, gapAreas } from "../chart/chart-marks";
import { sampleDot } from "../chart/chart-dots";
import { ChartNotes } from "../chart/chart-notes";
import { rateRows } from "../chart/chart-rows";
import { TooltipRates } from "../chart/chart-tooltip";

/** Each rate named by what its TcpExt counter counts. */
const RATES = [
  { key: "twRate", name: "entered TIME_WAIT/s", color: "#d97706" },
  { key: "reuseRate", name: "TIME_WAIT ports reused/s", color: "#059669" },
  { key: "overflowRate", name: "not kept, table full/s", color: "#dc2626" },
] as const;

/**
 * Per-second rates of the TIME_WAIT counters. A rate is measured between two samples, so it is
 * drawn as a step over the time before the sample it was computed at, never as a ramp.
 */
export function RatesChart({ series, isPending, error }: SeriesState) {
  const gaps = series?.gaps ?? [];
  const events = series?.events ?? [];
  const rows = rateRows(series?.points ?? [], gaps);
  const peak = Math.max(0, ...rows.flatMap((r) => RATES.map((rate) => r[rate.key] ?? 0)));
  return (
    <ChartFrame testId="chart-rates" title={<span className="font-medium">TIME_WAIT counters per second</span>} footer={series && <>
      <p className="mt-1 text-xs text-zinc-500" data-testid="rates-explanation">
        entered: sockets entering TIME_WAIT (TcpExt TW) · reused: TIME_WAIT ports taken over by a new outgoing
        connection (TWRecycled: tcp_tw_reuse, or tcp_tw_recycle on old kernels) · not kept: TIME_WAIT sockets not
        created because tcp_max_tw_buckets was full (TCPTimeWaitOverflow). Each step is the average since the sample before.
      </p>
      <ChartNotes gaps={gaps} events={events} span={series.to - series.from} />
    </>}>
      <ChartStatus series={series} isPending={isPending} error={error}>
        {series && (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={rows} margin={CHART_MARGIN}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              {timeAxis(series.from, series.to)}
              {valueAxis(valueTicks(peak), "per second")}
              <Tooltip content={<TooltipRates />} />
              <Legend verticalAlign="top" iconSize={10} wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
              {gapAreas(gaps, series.to - series.from)}
              {eventLines(events, series.from, series.to)}
              {RATES.map((r) => (
                <Line key={r.key} dataKey={r.key} name={r.name} type="stepBefore" stroke={r.color} dot={sampleDot(r.color)}
                  connectNulls={false} isAnimationActive={false} />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </ChartStatus>
    </ChartFrame>
  );
}
