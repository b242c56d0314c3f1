import "server-only";
import { evidenceLines, renderAnnotations, summaryWithoutHost } from "@/lib/alerts/annotations";
import { ruleName } from "@/lib/alerts/describe-rule";
import type { AlertDto, AlertHistoryDto, OpenAlertsDto } from "@/lib/alerts/dto";
import { silenceFor, type Silence } from "@/lib/alerts/silence";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "../../i18n/translator";
import { listRules } from "../../db/alert-rules";
import { alertHistory, openAlerts, type AlertWithHost } from "../../db/alerts";
import { listHosts } from "../../db/hosts";
import { currentSilences } from "../../db/silences";
import type { AppContext } from "../../context";

/** Alerts as pages and the API show them: summary and evidence in the reader's `locale`. */
async function toDtos({ db }: AppContext, alerts: AlertWithHost[], now: number, locale: Locale): Promise<AlertDto[]> {
  const t = translatorFor(locale);
  const names = new Map((await listRules(db)).map((r) => [r.id, r.name]));
  const silences = await currentSilences(db, now);
  const tags = new Map((await listHosts(db)).map((h) => [h.id, h.tags]));
  const tagsOf = (id: number) => tags.get(id) ?? [];
  return alerts.map((a) => {
    const muted: Silence | null =
      a.state === "resolved" ? null : silenceFor(silences, { ruleId: a.ruleId, hostName: a.hostName, tags: tagsOf(a.hostId) }, now);
    return {
      id: a.id,
      ruleId: a.ruleId,
      ruleName: ruleName(t, { id: a.ruleId, name: names.get(a.ruleId) ?? a.ruleId }),
      hostId: a.hostId,
      hostName: a.hostName,
      subject: a.subject,
      state: a.state,
      severity: a.severity,
      labels: a.labels,
      annotations: renderAnnotations(t, a.annotations),
      summary: summaryWithoutHost(t, a.annotations, a.hostName),
      evidence: evidenceLines(t, a.annotations),
      value: a.value,
      pendingSince: a.pendingSince,
      firingSince: a.firingSince,
      resolvedAt: a.resolvedAt,
      lastEvalAt: a.lastEvalAt,
      silence: muted ? { id: muted.id, endsAt: muted.endsAt, createdBy: muted.createdBy, reason: muted.reason } : null,
    };
  });
}

/** Pending and firing alerts, of the whole fleet or one host, their texts in `locale`. */
export async function listOpenAlerts(
  ctx: AppContext,
  hostId?: number,
  now = Date.now(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<OpenAlertsDto> {
  return { alerts: await toDtos(ctx, await openAlerts(ctx.db, hostId), now, locale), at: now };
}

/** Alerts that fired, newest first, a page at a time. */
export async function listAlertHistory(
  ctx: AppContext,
  o: { limit: number; before?: number; hostId?: number; locale?: Locale },
  now = Date.now(),
): Promise<AlertHistoryDto> {
  const rows = await alertHistory(ctx.db, { ...o, limit: o.limit + 1 });
  const page = rows.slice(0, o.limit);
  return {
    alerts: await toDtos(ctx, page, now, o.locale ?? DEFAULT_LOCALE),
    next: rows.length > o.limit ? page[page.length - 1]!.id : null,
  };
}
