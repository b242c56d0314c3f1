"use client";

import { useTranslations } from "next-intl";
import { Area, ReferenceLine } from "recharts";
import type { SeriesPointDto } from "@/lib/dto";
import { RANGES, type Range } from "@/lib/series/range";
import { valueTicks } from "../chart/chart-axes";
import { DOTS_UP_TO, sampleLine } from "../chart/chart-dots";
import { ChartFrame, type SeriesState } from "../chart/chart-frame";
import { ChartNotes } from "../chart/chart-notes";
import { ChartPlot } from "../chart/chart-plot";
import { peakOf, timeWaitRows } from "../chart/chart-rows";
import { ChartTooltip } from "../chart/chart-tooltip";
import { useFormat } from "../i18n/use-format";

const TW = "#d97706";
const ESTAB = "#2563eb";

interface Props extends SeriesState {
  range: Range;
  /** Absent in a snapshot: the range is the one frozen. */
  onRange?: (r: Range) => void;
  maxBuckets: number | null;
}

/**
 * TIME_WAIT and ESTABLISHED over the range: each point's lowest-to-highest TIME_WAIT as a band
 * around its average, so a one-poll spike shows at every range; gaps shaded, changes marked, and
 * tcp_max_tw_buckets as a line when it is in view.
 */
export function TimeWaitChart({ range, onRange, maxBuckets, ...state }: Props) {
  const t = useTranslations("chart.timeWait");
  const tc = useTranslations("chart");
  const format = useFormat();
  const { series } = state;
  const rows = timeWaitRows(series?.points ?? [], series?.gaps ?? []);
  const peak = peakOf(rows);
  const showLimit = maxBuckets !== null && maxBuckets <= peak * 3;
  const ticks = valueTicks(showLimit ? Math.max(peak, maxBuckets!) : peak, { whole: true });
  const dotted = (series?.points.length ?? 0) <= DOTS_UP_TO;
  return (
    <ChartFrame
      testId="chart-time-wait"
      title={
        <>
          <span className="font-medium">{t("title")}</span>
          {maxBuckets !== null && !showLimit && (
            <span className="text-xs text-zinc-500">{t("limitFarAbove", { limit: format.count(maxBuckets) })}</span>
          )}
          {onRange ? (
            <RangeButtons range={range} onRange={onRange} />
          ) : (
            <span
              aria-label={t("rangeLabel")}
              className="rounded bg-zinc-900 px-2 py-0.5 text-xs text-white dark:bg-zinc-100 dark:text-zinc-900"
              title={t("frozenHint")}
            >
              {t("frozen", { range })}
            </span>
          )}
        </>
      }
      footer={
        <ChartNotes series={series}>
          <p className="mt-1 text-xs text-zinc-500">{t("explanation")}</p>
        </ChartNotes>
      }
    >
      <ChartPlot
        {...state}
        rows={rows}
        ticks={ticks}
        unit={tc("sockets")}
        tooltip={<ChartTooltip testId="tooltip-time-wait" lines={(p) => <TimeWaitLines point={p} />} />}
      >
        {showLimit && (
          <ReferenceLine
            y={maxBuckets!}
            stroke="#dc2626"
            strokeDasharray="4 4"
            label={{ value: "tcp_max_tw_buckets", fontSize: 11, fill: "#dc2626", position: "insideTopRight" }}
          />
        )}
        <Area
          dataKey="band"
          name={t("band")}
          type="linear"
          fill={TW}
          fillOpacity={0.25}
          stroke={TW}
          strokeOpacity={0.4}
          strokeWidth={1}
          connectNulls={false}
          isAnimationActive={false}
          activeDot={false}
          className="chart-band"
        />
        {sampleLine({ dataKey: "tw", name: t("average"), color: TW, everyPoint: dotted })}
        {sampleLine({ dataKey: "estab", name: t("establishedAverage"), color: ESTAB, everyPoint: dotted })}
      </ChartPlot>
    </ChartFrame>
  );
}

/** The tooltip's lines for one point: its lowest, average and highest TIME_WAIT. */
function TimeWaitLines({ point: p }: { point: SeriesPointDto }) {
  const t = useTranslations("chart.timeWait");
  const format = useFormat();
  return (
    <>
      <p>
        {t.rich("tooltipTimeWait", {
          average: format.count(p.tw),
          min: format.count(p.twMin ?? p.tw),
          max: format.count(p.twMax ?? p.tw),
          b: (chunks) => <b>{chunks}</b>,
        })}
      </p>
      <p>{t("tooltipEstablished", { established: format.count(p.estab) })}</p>
    </>
  );
}

function RangeButtons({ range, onRange }: { range: Range; onRange: (r: Range) => void }) {
  const t = useTranslations("chart.timeWait");
  return (
    <span role="group" aria-label={t("rangeLabel")} className="flex gap-1">
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          onClick={() => onRange(r)}
          aria-pressed={r === range}
          className={`rounded px-2 py-0.5 text-xs ${r === range ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "bg-zinc-100 dark:bg-zinc-800"}`}
        >
          {r}
        </button>
      ))}
    </span>
  );
}
