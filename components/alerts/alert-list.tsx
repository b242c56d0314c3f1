"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { Severity } from "@/lib/advice/types";
import { alertSubject } from "@/lib/alerts/describe-rule";
import type { AlertDto } from "@/lib/alerts/dto";
import { STALE_AFTER_INTERVALS } from "@/lib/host/freshness";
import { useTranslate } from "../i18n/translate";
import { SeverityBadge } from "../ui/severity-badge";
import { TimeAgo } from "../ui/time-ago";
import { Timestamp } from "../ui/timestamp";
import { useNow } from "../ui/use-now";

const STATE_LOOK = {
  firing: "border-red-300 text-red-800 dark:border-red-800 dark:text-red-300",
  pending: "border-amber-300 text-amber-800 dark:border-amber-700 dark:text-amber-300",
  resolved: "border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400",
};

interface Props {
  alerts: AlertDto[];
  /** Older evaluations than 3 intervals mean the host stopped answering: the alert keeps its last state. */
  pollIntervalMs: number;
  /** On a host's own page: no host, one line each, the evidence left to the diagnosis below (linked in the page). */
  compact?: boolean;
  /** Under each alert: the Silence actions for admins on the Alerts page. */
  actions?: (alert: AlertDto) => ReactNode;
}

/** The host page's link for an alert: to the finding it is about when it names one. */
const alertHostHref = (a: AlertDto) => `/hosts/${a.hostId}${a.labels.finding ? `#finding-${a.labels.finding}` : ""}`;

/** Firing and pending alerts, each with its subject, age, silence and evidence. */
export function AlertList({ alerts, pollIntervalMs, compact = false, actions }: Props) {
  const t = useTranslations("alerts.list");
  return (
    <ul className="space-y-2" aria-label={t("label")}>
      {alerts.map((a) => (
        <AlertListItem key={a.id} alert={a} pollIntervalMs={pollIntervalMs} compact={compact} actions={actions?.(a)} />
      ))}
    </ul>
  );
}

function AlertListItem({
  alert: a,
  pollIntervalMs,
  compact,
  actions,
}: {
  alert: AlertDto;
  pollIntervalMs: number;
  compact: boolean;
  actions: ReactNode;
}) {
  const t = useTranslations("alerts");
  const translate = useTranslate();
  const now = useNow(5_000);
  const evaluatedLongAgo = now - a.lastEvalAt > STALE_AFTER_INTERVALS * pollIntervalMs;
  // Rendered by the server in the reader's language; the summary without its host, which the item shows already.
  const { evidence, summary } = a;
  const subject = alertSubject(translate, a);
  return (
    <li
      className={`rounded border bg-white text-sm ${compact ? "px-3 py-2" : "p-3"} dark:bg-zinc-900 ${a.silence ? "border-zinc-200 dark:border-zinc-800" : "border-zinc-300 dark:border-zinc-700"}`}
      data-alert={a.id}
      data-rule={a.ruleId}
      data-host={a.hostName}
      data-state={a.state}
      data-silenced={a.silence ? "true" : undefined}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={a.severity as Severity} />
        <span className={`rounded border px-1.5 py-0.5 text-xs font-medium uppercase ${STATE_LOOK[a.state]}`}>{t(`state.${a.state}`)}</span>
        {!compact && (
          <Link className="font-semibold hover:underline" href={`/hosts/${a.hostId}`}>
            {a.hostName}
          </Link>
        )}
        <span className="font-medium">{a.ruleName}</span>
        {subject && <code className="text-xs text-zinc-600 dark:text-zinc-400">{subject}</code>}
        {compact && a.silence && <SilencedNote silence={a.silence} />}
        {compact && a.labels.finding && (
          <a className="text-xs underline" href={`#finding-${a.labels.finding}`}>
            {t("list.theFinding")}
          </a>
        )}
        <span className="ml-auto text-xs text-zinc-500" data-field="age">
          {a.state === "firing" && a.firingSince
            ? t.rich("list.firingFor", { ago: () => <TimeAgo at={a.firingSince!} duration /> })
            : t.rich("list.pendingSince", { ago: () => <TimeAgo at={a.pendingSince} /> })}
        </span>
      </div>
      {!compact && summary && <p className="mt-1">{summary}</p>}
      {evaluatedLongAgo && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300" data-field="eval-age">
          {t.rich("list.evaluatedLongAgo", { ago: () => <TimeAgo at={a.lastEvalAt} /> })}
        </p>
      )}
      {!compact && a.silence && (
        <p className="mt-1">
          <SilencedNote silence={a.silence} />
        </p>
      )}
      {!compact && (
        <div className="mt-1 flex flex-wrap items-start gap-x-4 gap-y-1 text-xs">
          {evidence.length > 0 && (
            <details className="min-w-0 basis-full" data-field="evidence">
              <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
                {t("list.evidence", { count: evidence.length })}
              </summary>
              <ul className="mt-1 list-disc pl-5">
                {evidence.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </details>
          )}
          <Link className="underline" href={alertHostHref(a)}>
            {a.labels.finding ? t("list.findingOnHost") : t("list.hostPage")}
          </Link>
          {actions}
        </div>
      )}
    </li>
  );
}

function SilencedNote({ silence }: { silence: NonNullable<AlertDto["silence"]> }) {
  const t = useTranslations("alerts.list");
  return (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" data-field="silence">
      <span className="rounded bg-zinc-200 px-1.5 py-0.5 font-medium text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100">
        {t("silenced")}
      </span>{" "}
      {t.rich("silencedUntil", {
        until: () => <Timestamp at={silence.endsAt} seconds={false} />,
        by: silence.createdBy,
        reason: silence.reason,
      })}
    </span>
  );
}
