import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";
import { gapReasonText } from "./mark-words";
import type { SeriesGapDto, SeriesPointDto } from "@/lib/dto";
import { pointEnd } from "@/lib/series/gaps";
import type { ChartRow } from "./chart-rows";

interface TooltipProps<R extends ChartRow> {
  active?: boolean;
  payload?: readonly { payload?: R }[];
}

/** "2026-12-01 14:05:00 – 14:14:59 CET · 40 samples", or the one sample's time. */
function SpanLine({ point }: { point: SeriesPointDto }) {
  const t = useTranslations("chart");
  const format = useFormat();
  const end = pointEnd(point);
  const n = point.n ?? 1;
  return (
    <p className="text-zinc-500">
      {end === point.t ? format.dateTime(point.t) : `${format.dateTime(point.t)} – ${format.dateTime(end, { date: false })}`}
      {n > 1 && t("samples", { count: n })}
    </p>
  );
}

function GapLines({ gap }: { gap: SeriesGapDto }) {
  const t = useTranslations("chart");
  const translate = useTranslate();
  const format = useFormat();
  return (
    <>
      <p className="font-medium">{t("gapFor", { duration: format.duration(gap.to - gap.from) })}</p>
      <p className="text-zinc-500">
        {format.dateTime(gap.from)} – {format.dateTime(gap.to, { date: false })}
      </p>
      <p>{gap.reason ? gapReasonText(translate, gap.reason) : t("noReason")}</p>
    </>
  );
}

const BOX = "max-w-xs rounded border border-zinc-300 bg-white p-2 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900";

/**
 * A chart's tooltip: the hovered point's time span and the chart's own lines for it (`lines`, which
 * returns an element so those lines may be a component of their own), or what the gap under the
 * cursor says. recharts fills in `active` and `payload`.
 */
export function ChartTooltip({
  active,
  payload,
  testId,
  lines,
}: TooltipProps<ChartRow> & { testId: string; lines: (point: SeriesPointDto) => ReactNode }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const p = row.point;
  return (
    <div className={BOX} data-testid={testId}>
      {p ? (
        <>
          <SpanLine point={p} />
          {lines(p)}
        </>
      ) : (
        row.gap && <GapLines gap={row.gap} />
      )}
    </div>
  );
}
