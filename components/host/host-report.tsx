"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { formatEndpoint } from "@/lib/host/endpoint";
import { DEFAULT_POLL_INTERVAL_MS, freshnessOf } from "@/lib/host/freshness";
import type { HostPageData } from "@/lib/snapshot/types";
import { CapturedAge } from "../ui/captured-age";
import { StatusBadge } from "../ui/status-badge";
import { useNow } from "../ui/use-now";
import { SampleAgeBanner } from "./sample-age-banner";
import { ErrorHint } from "./error-hint";
import { FindingsPanel } from "./findings-panel";
import { ConntrackPanel } from "./conntrack-panel";
import { NamespacesPanel } from "./namespaces-panel";
import { TimeWaitTables } from "./time-wait-tables";
import { SysctlsTable } from "./sysctls-table";
import { HostTiles } from "./host-tiles";
import { ZoneBadge } from "../ui/zone-badge";

const HOST_TABS = ["diagnosis", "sockets", "settings"] as const;
export type HostTab = (typeof HOST_TABS)[number];

interface Props {
  host: HostPageData;
  tab: HostTab;
  onTab: (tab: HostTab) => void;
  chart: ReactNode;
  ratesChart: ReactNode;
  /** On the sockets tab under the tables: TIME_WAIT over time per listening port and per destination. */
  breakdownCharts?: ReactNode;
  /** Beside the title: Edit and Share on the live page, nothing in a snapshot. */
  actions?: ReactNode;
  /** Beside the address on the live page: the jump hosts it is reached through. */
  route?: ReactNode;
  /** Under the error hint: the host-key panel on the live page. */
  notices?: ReactNode;
  /** Under the title on the live page: the host's open alerts (snapshots carry no alerts). */
  alerts?: ReactNode;
  /** A snapshot's capture time: ages are judged then and written out, nothing counts on. */
  capturedAt?: number;
  catalogueLinks?: boolean;
}

/** The host page without any fetching: live data and frozen snapshots render through it alike. */
export function HostReport({
  host,
  tab,
  onTab,
  chart,
  ratesChart,
  breakdownCharts,
  actions,
  route,
  notices,
  alerts,
  capturedAt,
  catalogueLinks = true,
}: Props) {
  const t = useTranslations("host");
  // The browser's own clock: an open page turns stale without a refetch.
  const now = useNow(5_000, capturedAt);
  const freshness = freshnessOf(host, now, host.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  return (
    <section className="space-y-5">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{host.name}</h1>
        <StatusBadge status={host.status} lastPollAt={host.lastPollAt} />
        <span className="font-mono text-xs text-zinc-500">
          {formatEndpoint(host, { local: t("noSsh.local"), bundle: t("noSsh.bundle") })}
        </span>
        {route}
        <span className="text-xs text-zinc-500" data-field="last-poll">
          {t.rich("lastPoll", {
            bundle: host.transport === "bundle" ? "yes" : "no",
            age: () => <CapturedAge at={host.lastPollAt} capturedAt={capturedAt} />,
          })}
          {host.collector && <span data-field="collector">{t("byCollector", { collector: host.collector })}</span>}
        </span>
        {host.zone && <ZoneBadge zone={host.zone} />}
        {host.noCollector && (
          <span
            className="rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100"
            data-field="no-collector"
          >
            {host.zone ? t("noCollectorZone", { zone: host.zone }) : t("noCollectorNoZone")}
          </span>
        )}
        {actions && <span className="ml-auto flex items-center gap-3">{actions}</span>}
      </header>
      {alerts}
      <ErrorHint status={host.status} error={host.lastError} />
      {notices}
      <HostTiles current={host.current} freshness={freshness} capturedAt={capturedAt} namespaces={host.latest?.namespaces} />
      {chart}
      <div role="tablist" aria-label={t("tabsLabel")} className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {HOST_TABS.map((name) => (
          <button
            key={name}
            role="tab"
            type="button"
            aria-selected={name === tab}
            onClick={() => onTab(name)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm capitalize ${name === tab ? "border-amber-600 font-medium" : "border-transparent text-zinc-500"}`}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(`tabs.${tab}`)}>
        {!host.latest ? (
          <p className="text-sm text-zinc-500">{t("noSample")}</p>
        ) : tab === "diagnosis" ? (
          host.analysis && (
            <>
              <SampleAgeBanner freshness={freshness} capturedAt={capturedAt} />
              <FindingsPanel analysis={host.analysis} catalogueLinks={catalogueLinks} />
            </>
          )
        ) : tab === "sockets" ? (
          <div className="space-y-4">
            {host.latest.namespaces && <NamespacesPanel namespaces={host.latest.namespaces} findings={host.analysis?.findings ?? []} />}
            <TimeWaitTables
              breakdown={host.latest.timeWait}
              portRange={host.latest.sysctls["net.ipv4.ip_local_port_range"]}
              owners={host.latest.owners}
              sampleAt={host.latest.at}
            />
            <ConntrackPanel table={host.latest.conntrack} sysctls={host.latest.sysctls} />
            {breakdownCharts}
            {ratesChart}
          </div>
        ) : (
          <SysctlsTable
            sysctls={host.latest.sysctls}
            missing={host.latest.missingSysctls}
            kernel={host.latest.kernel}
            configured={host.latest.configuredSysctls}
          />
        )}
      </div>
    </section>
  );
}

export function tabOf(value: string | null): HostTab {
  return (HOST_TABS as readonly string[]).includes(value ?? "") ? (value as HostTab) : "diagnosis";
}
