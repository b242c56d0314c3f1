import { ReferenceArea, ReferenceLine } from "recharts";
import type { HostEventDto, SeriesGapDto } from "@/lib/dto";
import type { Translate } from "@/lib/i18n/message";
import { changeText, gapLabel } from "./mark-words";

const GAP_FILL = "#71717a";
const EVENT_STROKE = "#7c3aed";
const MAX_TEXT_LABELS = 3;

/**
 * Shaded stretches without samples, labelled when wide enough to hold a word. Plain elements (not
 * a component) so recharts finds them among the chart's children.
 */
export function gapAreas(t: Translate, gaps: readonly SeriesGapDto[], span: number, noSamples: string) {
  return gaps.map((g) => (
    <ReferenceArea
      key={`gap-${g.from}`}
      x1={g.from}
      x2={g.to}
      fill={GAP_FILL}
      fillOpacity={0.18}
      strokeOpacity={0}
      ifOverflow="hidden"
      className="chart-gap"
      label={
        (g.to - g.from) / span > 0.06
          ? { value: gapLabel(t, g.reason, noSamples), position: "insideBottom", fontSize: 10, fill: "#52525b" }
          : undefined
      }
    />
  ));
}

/**
 * Text labels only for a few changes far enough apart to be read; otherwise each line is labelled
 * by its number in the list under the chart.
 */
export function labelsAsText(events: readonly HostEventDto[], span: number): boolean {
  if (events.length > MAX_TEXT_LABELS) return false;
  return events.every((e, i) => i === 0 || (e.at - events[i - 1]!.at) / span > 0.2);
}

/** Vertical lines where something changed; a label in the right half sits left of its line, so it is not cut off. */
export function eventLines(t: Translate, events: readonly HostEventDto[], from: number, to: number) {
  const asText = labelsAsText(events, to - from);
  return events.map((e, i) => (
    <ReferenceLine
      key={`event-${e.at}-${i}`}
      x={e.at}
      stroke={EVENT_STROKE}
      strokeDasharray="2 3"
      ifOverflow="hidden"
      className="chart-event"
      label={{
        value: asText ? changeText(t, e) : String(i + 1),
        position: e.at > (from + to) / 2 ? "insideTopRight" : "insideTopLeft",
        fontSize: 10,
        fill: EVENT_STROKE,
      }}
    />
  ));
}
