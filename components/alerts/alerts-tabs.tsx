"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ALERTS_TABS, alertsPageHref, alertsPageParams, alertsQueryFromParams, type AlertsPageQuery } from "@/lib/alerts/alerts-page-query";
import type { AlertRuleDto, OpenAlertsDto } from "@/lib/alerts/dto";
import { AlertChannelsView } from "./alert-channels-view";
import { AlertHistoryView } from "./alert-history-view";
import { AlertRulesView } from "./alert-rules-view";
import { AlertSilencesView } from "./alert-silences-view";
import { AlertsNowView } from "./alerts-now-view";
import { useUrlSearch } from "../ui/use-url-search";

interface Props {
  /** The server's reading for the URL it rendered (the open alerts of its `host`), so the page arrives with them. */
  initialOpen: OpenAlertsDto;
  initialRules: AlertRuleDto[];
  pollIntervalMs: number;
  /** The name of the host the URL filtered by when the server rendered it. */
  hostName: string | null;
}

/** The Alerts page: its tabs and host filter kept in the URL (`/alerts?tab=history&host=3`). */
export function AlertsTabs({ initialOpen, initialRules, pollIntervalMs, hostName }: Props) {
  const t = useTranslations("alerts.tabs");
  const [params, setParams] = useUrlSearch();
  const q = alertsQueryFromParams(params);
  // What the server rendered for: its readings fit only that host filter.
  const [rendered] = useState(q.host);
  const go = (patch: Partial<AlertsPageQuery>) => setParams(alertsPageParams({ ...q, silence: null, ...patch }));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <div role="tablist" aria-label={t("list")} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {ALERTS_TABS.map((tab) => (
          <button
            key={tab}
            role="tab"
            type="button"
            aria-selected={tab === q.tab}
            onClick={() => go({ tab })}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab === q.tab ? "border-amber-600 font-medium" : "border-transparent text-zinc-500"}`}
          >
            {t(tab)}
          </button>
        ))}
      </div>
      {q.host && (q.tab === "now" || q.tab === "history") && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-field="host-filter">
          {t.rich("onlyHost", {
            name: q.host === rendered && hostName ? hostName : t("hostId", { id: String(q.host) }),
            b: (chunks) => <span className="font-medium">{chunks}</span>,
          })}{" "}
          <Link className="underline" href={alertsPageHref({ tab: q.tab })}>
            {t("allHosts")}
          </Link>
        </p>
      )}
      <div role="tabpanel" aria-label={t(q.tab)}>
        {q.tab === "now" && (
          <AlertsNowView
            host={q.host}
            initialOpen={q.host === rendered ? initialOpen : undefined}
            initialRules={initialRules}
            pollIntervalMs={pollIntervalMs}
          />
        )}
        {q.tab === "history" && <AlertHistoryView host={q.host} onHost={(host) => go({ host })} />}
        {q.tab === "rules" && <AlertRulesView initialRules={initialRules} />}
        {q.tab === "silences" && <AlertSilencesView prefill={q.silence} />}
        {q.tab === "channels" && <AlertChannelsView />}
      </div>
    </section>
  );
}
