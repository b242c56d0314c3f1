import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { HostEventDto, SeriesGapDto } from "@/lib/dto";
import { useFormat } from "../i18n/use-format";
import { useTranslate } from "../i18n/translate";
import type { SeriesState } from "./chart-frame";
import { labelsAsText } from "./chart-marks";
import { changeText, gapReasonText } from "./mark-words";
import { useMounted } from "./use-mounted";

const SHOWN = 6;

/** Under a chart once its series is there: what its lines mean (`children`), then its changes and gaps in words. */
export function ChartNotes({ series, children }: { series: SeriesState["series"]; children: ReactNode }) {
  if (!series) return null;
  return (
    <>
      {children}
      <MarkLegend gaps={series.gaps ?? []} events={series.events ?? []} span={series.to - series.from} />
    </>
  );
}

/** What changed and where samples are missing, in words (the markers' legend). */
function MarkLegend({ gaps, events, span }: { gaps: readonly SeriesGapDto[]; events: readonly HostEventDto[]; span: number }) {
  const t = useTranslations("chart");
  const translate = useTranslate();
  const format = useFormat();
  const mounted = useMounted();
  const numbered = !labelsAsText(events, span);
  if (!mounted || (gaps.length === 0 && events.length === 0)) return null;
  return (
    <div className="mt-2 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {events.length > 0 && (
        <ol aria-label={t("changesLabel")} className="flex flex-wrap gap-x-4">
          {events.slice(-SHOWN).map((e, i) => (
            <li key={`${e.at}-${i}`} data-kind={e.kind}>
              {numbered && (
                <span className="text-violet-700 dark:text-violet-300">{events.length - Math.min(SHOWN, events.length) + i + 1}. </span>
              )}
              {format.dateTime(e.at)} <span className="text-violet-700 dark:text-violet-300">{changeText(translate, e)}</span>
            </li>
          ))}
          {events.length > SHOWN && <li>{t("earlierChanges", { count: events.length - SHOWN })}</li>}
        </ol>
      )}
      {gaps.length > 0 && (
        <ul aria-label={t("gapsLabel")} className="flex flex-wrap gap-x-4">
          {gaps.slice(-SHOWN).map((g) => (
            <li key={g.from}>
              <span className="mr-1 inline-block h-2 w-3 bg-zinc-400/50 align-middle" aria-hidden />
              {t("gapLine", {
                from: format.dateTime(g.from),
                to: format.dateTime(g.to, { date: false }),
                duration: format.duration(g.to - g.from),
                reason: g.reason ? gapReasonText(translate, g.reason) : t("noReason"),
              })}
            </li>
          ))}
          {gaps.length > SHOWN && <li>{t("earlierGaps", { count: gaps.length - SHOWN })}</li>}
        </ul>
      )}
    </div>
  );
}
