"use client";

import type { ReactElement, ReactNode } from "react";
import { useTranslations } from "next-intl";
import { CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip } from "recharts";
import { CHART_MARGIN, timeAxis, valueAxis } from "./chart-axis-elements";
import type { SeriesState } from "./chart-frame";
import { eventLines, gapAreas } from "./chart-marks";
import type { ChartRow } from "./chart-rows";
import { QueryStatus } from "../ui/query-status";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";

interface Props extends SeriesState {
  rows: ChartRow[];
  /** The y axis: its round ticks and its unit ("sockets", "per second"). */
  ticks: number[];
  unit: string;
  tooltip: ReactElement;
  /** The chart's own marks, drawn over the gaps and changes. */
  children: ReactNode;
}

/**
 * What the charts over time share: the status until there is something to draw, then the grid,
 * the time and value axes, tooltip and legend, shaded gaps and marked changes under the chart's marks.
 */
export function ChartPlot({ series, isPending, error, rows, ticks, unit, tooltip, children }: Props) {
  const t = useTranslations("chart");
  const translate = useTranslate();
  const format = useFormat();
  return (
    <ChartStatus series={series} isPending={isPending} error={error}>
      {series && (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
            {timeAxis(series.from, series.to, t("timeAxis", { zone: format.zone(series.to) }))}
            {valueAxis(ticks, unit, format.count)}
            <Tooltip content={tooltip} />
            <Legend verticalAlign="top" iconSize={10} wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
            {gapAreas(translate, series.gaps ?? [], series.to - series.from, t("gapNoSamples"))}
            {eventLines(translate, series.events ?? [], series.from, series.to)}
            {children}
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartStatus>
  );
}

/** The chart once there is something to draw: points, or a gap saying why there are none. */
function ChartStatus({ series, isPending, error, children }: SeriesState & { children: ReactNode }) {
  const t = useTranslations("chart");
  if ((isPending && !series) || error)
    return <QueryStatus isPending={isPending && !series} error={error} loading={t("loading")} failed={t("cannotLoadSeries")} small />;
  if (!series?.points.length && !series?.gaps?.length) return <p className="text-sm text-zinc-500">{t("noSamplesYet")}</p>;
  return <>{children}</>;
}
