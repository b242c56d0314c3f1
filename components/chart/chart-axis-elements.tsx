import { XAxis, YAxis } from "recharts";
import { timeTickLabel, timeTicks } from "./chart-axes";

/** Margins that leave room for the axis titles. */
export const CHART_MARGIN = { top: 12, right: 12, bottom: 14, left: 8 };

/**
 * The x axis over the whole range chosen, [from, to], whatever data exists in it; round ticks in
 * the viewer's zone, named under the axis by `title` ("time (CET)"; recharts drops ticks that
 * would overlap on a narrow screen). Plain elements so recharts finds them among its children.
 */
export function timeAxis(from: number, to: number, title: string) {
  const { ticks, stepMs } = timeTicks(from, to);
  return (
    <XAxis
      dataKey="x"
      type="number"
      domain={[from, to]}
      allowDataOverflow
      ticks={ticks}
      interval="preserveStartEnd"
      minTickGap={6}
      tickFormatter={(t: number) => timeTickLabel(t, stepMs)}
      fontSize={11}
      label={{ value: title, position: "insideBottom", offset: -10, fontSize: 11 }}
    />
  );
}

/** A y axis from 0 over round ticks, titled with its unit ("sockets", "per second"), its numbers written by `number`. */
export function valueAxis(ticks: number[], unit: string, number: (v: number) => string) {
  return (
    <YAxis
      type="number"
      domain={[0, ticks.at(-1)!]}
      ticks={ticks}
      interval={0}
      allowDataOverflow
      fontSize={11}
      width={64}
      tickFormatter={number}
      label={{ value: unit, angle: -90, position: "insideLeft", offset: 4, fontSize: 11, style: { textAnchor: "middle" } }}
    />
  );
}
