"use client";

import type { SeriesPointDto } from "@/lib/dto";
import { formatRate } from "@/lib/format/number";
import { valueTicks } from "../chart/chart-axes";
import { sampleLine } from "../chart/chart-dots";
import { ChartFrame, type SeriesState } from "../chart/chart-frame";
import { ChartNotes } from "../chart/chart-notes";
import { ChartPlot } from "../chart/chart-plot";
import { rateRows } from "../chart/chart-rows";
import { ChartTooltip } from "../chart/chart-tooltip";

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
export function RatesChart(state: SeriesState) {
  const { series } = state;
  const rows = rateRows(series?.points ?? [], series?.gaps ?? []);
  const peak = Math.max(0, ...rows.flatMap((r) => RATES.map((rate) => r[rate.key] ?? 0)));
  return (
    <ChartFrame
      testId="chart-rates"
      title={<span className="font-medium">TIME_WAIT counters per second</span>}
      footer={
        <ChartNotes series={series}>
          <p className="mt-1 text-xs text-zinc-500" data-testid="rates-explanation">
            entered: sockets entering TIME_WAIT (TcpExt TW) · reused: TIME_WAIT ports taken over by a new outgoing connection (TWRecycled:
            tcp_tw_reuse, or tcp_tw_recycle on old kernels) · not kept: TIME_WAIT sockets not created because tcp_max_tw_buckets was full
            (TCPTimeWaitOverflow). Each step is the average since the sample before.
          </p>
        </ChartNotes>
      }
    >
      <ChartPlot
        {...state}
        rows={rows}
        ticks={valueTicks(peak)}
        unit="per second"
        tooltip={<ChartTooltip testId="tooltip-rates" lines={rateLines} />}
      >
        {RATES.map((r) => sampleLine({ dataKey: r.key, name: r.name, color: r.color, type: "stepBefore" }))}
      </ChartPlot>
    </ChartFrame>
  );
}

/** The tooltip's lines for one point: each rate averaged over the time before it. */
function rateLines(p: SeriesPointDto) {
  return (
    <>
      <p>entered TIME_WAIT {formatRate(p.twRate)}</p>
      <p>TIME_WAIT ports reused {formatRate(p.reuseRate)}</p>
      <p>not kept (table full) {formatRate(p.overflowRate)}</p>
    </>
  );
}
