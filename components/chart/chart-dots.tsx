import { Line } from "recharts";
import type { ChartRow } from "./chart-rows";

/** Up to this many points, each sample is dotted: the reader sees the line is drawn between them. */
export const DOTS_UP_TO = 120;

/** A dot where a point has no neighbour to draw a line to (a lone sample between gaps), or at every point when asked. */
function sampleDot(color: string, everyPoint = false) {
  function SampleDot({ cx, cy, index, payload }: { cx?: number; cy?: number; index?: number; payload?: ChartRow }) {
    const shown = payload?.point && (everyPoint || payload.isolated) && cx !== undefined && cy !== undefined;
    return shown ? (
      <circle key={`dot-${index}`} cx={cx} cy={cy} r={everyPoint && !payload.isolated ? 1.5 : 2.5} fill={color} />
    ) : (
      <g key={`dot-${index}`} />
    );
  }
  return SampleDot;
}

/**
 * A series' line through its samples, broken at gaps, dotted as `sampleDot` says. A plain element
 * (not a component) so recharts finds it among the chart's children.
 */
export function sampleLine({
  dataKey,
  name,
  color,
  type = "linear",
  everyPoint = false,
}: {
  dataKey: string;
  name: string;
  color: string;
  type?: "linear" | "stepBefore";
  everyPoint?: boolean;
}) {
  return (
    <Line
      key={dataKey}
      dataKey={dataKey}
      name={name}
      type={type}
      stroke={color}
      dot={sampleDot(color, everyPoint)}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
}
