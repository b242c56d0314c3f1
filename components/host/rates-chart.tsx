"use client";

import { useTranslations } from "next-intl";
import type { SeriesPointDto } from "@/lib/dto";
import { valueTicks } from "../chart/chart-axes";
import { sampleLine } from "../chart/chart-dots";
import { ChartFrame, type SeriesState } from "../chart/chart-frame";
import { ChartNotes } from "../chart/chart-notes";
import { ChartPlot } from "../chart/chart-plot";
import { rateRows } from "../chart/chart-rows";
import { ChartTooltip } from "../chart/chart-tooltip";
import { useFormat } from "../i18n/use-format";

/** Each rate, named in the catalogue (`chart.rates.<key>`) by what its TcpExt counter counts. */
const RATES = [
  { key: "twRate", color: "#d97706" },
  { key: "reuseRate", color: "#059669" },
  { key: "overflowRate", color: "#dc2626" },
] as const;

/**
 * Per-second rates of the TIME_WAIT counters. A rate is measured between two samples, so it is
 * drawn as a step over the time before the sample it was computed at, never as a ramp.
 */
export function RatesChart(state: SeriesState) {
  const t = useTranslations("chart.rates");
  const tc = useTranslations("chart");
  const { series } = state;
  const rows = rateRows(series?.points ?? [], series?.gaps ?? []);
  const peak = Math.max(0, ...rows.flatMap((r) => RATES.map((rate) => r[rate.key] ?? 0)));
  return (
    <ChartFrame
      testId="chart-rates"
      title={<span className="font-medium">{t("title")}</span>}
      footer={
        <ChartNotes series={series}>
          <p className="mt-1 text-xs text-zinc-500" data-testid="rates-explanation">
            {t("explanation")}
          </p>
        </ChartNotes>
      }
    >
      <ChartPlot
        {...state}
        rows={rows}
        ticks={valueTicks(peak)}
        unit={tc("perSecond")}
        tooltip={<ChartTooltip testId="tooltip-rates" lines={(p) => <RateLines point={p} />} />}
      >
        {RATES.map((r) => sampleLine({ dataKey: r.key, name: t(r.key), color: r.color, type: "stepBefore" }))}
      </ChartPlot>
    </ChartFrame>
  );
}

/** The tooltip's lines for one point: each rate averaged over the time before it. */
function RateLines({ point: p }: { point: SeriesPointDto }) {
  const t = useTranslations("chart.rates");
  const format = useFormat();
  return (
    <>
      <p>{t("tooltipTwRate", { rate: format.rate(p.twRate) })}</p>
      <p>{t("tooltipReuseRate", { rate: format.rate(p.reuseRate) })}</p>
      <p>{t("tooltipOverflowRate", { rate: format.rate(p.overflowRate) })}</p>
    </>
  );
}
