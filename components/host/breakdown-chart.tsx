"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { breakdownRows, lonePoints, timeTicks, type BreakdownCell, type BreakdownKind } from "@/lib/series/breakdown-series";
import type { BreakdownSeriesDto } from "@/lib/dto";
import { formatClock } from "@/lib/format/time";
import { QueryStatus } from "../ui/query-status";
import { useFormat } from "../i18n/use-format";

type Series = Omit<BreakdownSeriesDto, "hostId">;

const COLOURS = ["#d97706", "#2563eb", "#059669", "#dc2626", "#7c3aed", "#db2777", "#0891b2", "#65a30d"];
const DAY = 86_400_000;

/** A line's name: "port 443" for a listening port, the address itself for a destination. */
function useKeyLabel(kind: BreakdownKind): (key: string) => string {
  const t = useTranslations("chart.breakdown");
  return (key) => (kind === "port" ? t("port", { port: key }) : key);
}

interface Props {
  kind: BreakdownKind;
  series: Series | undefined;
  isPending: boolean;
  error: Error | null;
}

/** One straight line per busiest port or destination of the range; a line breaks where its key was not among a poll's kept entries. */
export function BreakdownChart({ kind, series, isPending, error }: Props) {
  const t = useTranslations("chart");
  return (
    <figure className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{t(`breakdown.title.${kind}`)}</span>
        {series && series.keys.length > 0 && (
          <span className="text-xs text-zinc-500">{t("breakdown.busiest", { count: series.keys.length, kept: series.keptPerSample })}</span>
        )}
      </figcaption>
      <div className="h-64" data-testid={`chart-breakdown-${kind}`}>
        {isPending || error ? (
          <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("cannotLoadHistory")} small />
        ) : !series || series.keys.length === 0 ? (
          <p className="text-sm text-zinc-500">{t(`breakdown.none.${kind}`)}</p>
        ) : (
          <BreakdownLines kind={kind} series={series} />
        )}
      </div>
    </figure>
  );
}

function BreakdownLines({ kind, series }: { kind: BreakdownKind; series: Series }) {
  const t = useTranslations("chart");
  const format = useFormat();
  const keyLabel = useKeyLabel(kind);
  const { rows, cells } = breakdownRows(series.keys);
  const { from, to } = series;
  const withDate = to - from > DAY;
  const lone = lonePoints(rows, series.keys.length);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 5, right: 10, bottom: 18, left: 10 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[from, to]}
          ticks={timeTicks(from, to)}
          allowDataOverflow
          fontSize={11}
          tickFormatter={(t: number) => formatClock(t, { date: withDate })}
          label={{ value: t("timeAxis", { zone: format.zone(to) }), position: "insideBottom", offset: -12, fontSize: 11 }}
        />
        <YAxis
          fontSize={11}
          width={60}
          allowDecimals={false}
          tickFormatter={(v: number) => format.count(v)}
          label={{ value: t("sockets"), angle: -90, position: "insideLeft", fontSize: 11 }}
        />
        <Tooltip content={(p) => <BreakdownTooltip active={p.active} label={p.label} kind={kind} series={series} cells={cells} />} />
        <Legend verticalAlign="top" height={28} itemSorter="dataKey" wrapperStyle={{ fontSize: 12 }} />
        {series.keys.map((k, i) => (
          <Line
            key={k.key}
            className={`breakdown-line-${i}`}
            type="linear"
            dataKey={`k${i}`}
            name={keyLabel(k.key)}
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={1.5}
            connectNulls={false}
            isAnimationActive={false}
            dot={(d: { cx?: number; cy?: number; index?: number }) =>
              lone[i]!.has(d.index ?? -1) && d.cx !== undefined && d.cy !== undefined ? (
                <circle key={d.index} cx={d.cx} cy={d.cy} r={2.5} fill={COLOURS[i % COLOURS.length]} />
              ) : (
                <g key={d.index} />
              )
            }
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

interface TooltipProps {
  active: boolean;
  label?: string | number;
  kind: BreakdownKind;
  series: Series;
  cells: Map<number, (BreakdownCell | null)[]>;
}

function BreakdownTooltip({ active, label, kind, series, cells }: TooltipProps) {
  const t = useTranslations("chart.breakdown");
  const format = useFormat();
  const keyLabel = useKeyLabel(kind);
  if (!active || typeof label !== "number") return null;
  const at = cells.get(label) ?? [];
  const shown = series.keys.map((k, i) => ({ k, i, c: at[i] ?? null })).filter((e) => e.c !== null);
  return (
    <div className="rounded border border-zinc-200 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium">{format.dateTime(label)}</p>
      <ul>
        {shown.map(({ k, i, c }) => (
          <li key={k.key} className="flex gap-2" style={{ color: COLOURS[i % COLOURS.length] }}>
            <span>{keyLabel(k.key)}</span>
            <span className="ml-auto font-mono">
              {format.count(Math.round(c!.avg))}
              {c!.min !== c!.max && ` (${format.count(c!.min)}–${format.count(c!.max)})`}
            </span>
          </li>
        ))}
      </ul>
      {series.source !== "raw" && <p className="mt-1 text-zinc-500">{t("bucketAverage", { source: series.source })}</p>}
    </div>
  );
}

/** Both breakdown charts side by side, from data already at hand (a snapshot). */
export function BreakdownCharts({ port, peer }: { port: Series | undefined; peer: Series | undefined }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <BreakdownChart kind="port" series={port} isPending={false} error={null} />
      <BreakdownChart kind="peer" series={peer} isPending={false} error={null} />
    </div>
  );
}
