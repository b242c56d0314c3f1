import type { GapReason, HostChangeEventDto, SeriesGapDto, WordedHostEventDto } from "@/lib/dto";
import { pollErrorText } from "@/lib/host/poll-error-words";
import { hostStatusMessageKey } from "@/lib/host/status-key";
import { renderText, type Translate } from "@/lib/i18n/message";

// Words for the chart's marks, from the data the series carries; `t` is the whole catalogue (useTranslate()).

const statusWords = (t: Translate, status: string | null) => {
  const key = status === null ? null : hostStatusMessageKey(status);
  return key ? t(key) : (status ?? t("chart.marks.unknownValue"));
};

/** "unreachable: cannot reach the host: ECONNREFUSED", "before the host was added"; a snapshot's older English reason as it is. */
export function gapReasonText(t: Translate, reason: GapReason | string): string {
  if (typeof reason === "string") return reason;
  if ("beforeAdded" in reason) return t("chart.marks.beforeAdded");
  const status = statusWords(t, reason.status);
  return reason.message ? t("chart.marks.gapReason", { status, message: renderText(t, pollErrorText(reason.message)) }) : status;
}

/** A gap's short label on the chart: the status ("unreachable"), else `none` ("no samples"). */
export function gapLabel(t: Translate, reason: SeriesGapDto["reason"], none: string): string {
  if (reason === null) return none;
  if (typeof reason === "string") return reason.split(":")[0]!;
  return "status" in reason ? statusWords(t, reason.status) : t("chart.marks.beforeAdded");
}

const SHORT_SYSCTL = /^net\.(ipv4|core|netfilter)\./;

/** "tcp_tw_reuse 2 → 1", "kernel 5.10.0-26 → 6.1.0-13", "status ok → unreachable". */
export function changeText(
  t: Translate,
  e: Pick<HostChangeEventDto, "kind" | "subject" | "before" | "after"> | Pick<WordedHostEventDto, "text">,
): string {
  if ("text" in e) return e.text;
  const unknown = t("chart.marks.unknownValue");
  if (e.kind === "status") return t("chart.marks.statusChange", { before: statusWords(t, e.before), after: statusWords(t, e.after) });
  const values = { before: e.before ?? unknown, after: e.after ?? unknown };
  if (e.kind === "kernel") return t("chart.marks.kernelChange", values);
  return t("chart.marks.sysctlChange", { name: e.subject.replace(SHORT_SYSCTL, ""), ...values });
}
