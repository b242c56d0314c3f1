import type { ReactNode } from "react";
import { formatAgo, formatCount, formatRate } from "@/lib/format";
import type { HostPageData } from "@/lib/snapshot-types";
import { StatusBadge } from "../ui/status-badge";
import { ErrorHint } from "./error-hint";
import { PanelFindings } from "./panel-findings";
import { TablesTimeWait } from "./tables-time-wait";
import { TableSysctls } from "./table-sysctls";

export const HOST_TABS = ["diagnosis", "sockets", "settings"] as const;
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
  /** Under the error hint: the host-key panel on the live page. */
  notices?: ReactNode;
  /** "last poll … ago" is counted from here: the capture time in a snapshot. */
  now?: number;
  catalogueLinks?: boolean;
}

/** The host page without any fetching: live data and frozen snapshots render through it alike. */
export function HostReport({ host, tab, onTab, chart, ratesChart, breakdownCharts, actions, notices, now, catalogueLinks = true }: Props) {
  return (
    <section className="space-y-5">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{host.name}</h1>
        <StatusBadge status={host.status} lastPollAt={host.lastPollAt} />
        <span className="font-mono text-xs text-zinc-500">{endpointOf(host)}</span>
        <span className="text-xs text-zinc-500">{host.transport === "bundle" ? "imported" : "last poll"} <span suppressHydrationWarning>{formatAgo(host.lastPollAt, now)}</span></span>
        {actions && <span className="ml-auto flex items-center gap-3">{actions}</span>}
      </header>
      <ErrorHint status={host.status} error={host.lastError} />
      {notices}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Tile label="TIME_WAIT now" value={formatCount(host.current?.timeWait)} />
        <Tile label="server side (listening ports)" value={formatCount(host.current?.twServer)} />
        <Tile label="client side (to destinations)" value={formatCount(host.current?.twClient)} />
        <Tile label="ESTABLISHED" value={formatCount(host.current?.established)} />
        <Tile label="new connections" value={formatRate(host.current?.newConnectionsPerSec)} />
      </dl>
      {chart}
      <div role="tablist" aria-label="Host details" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {HOST_TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={t === tab} onClick={() => onTab(t)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm capitalize ${t === tab ? "border-amber-600 font-medium" : "border-transparent text-zinc-500"}`}>{t}</button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {!host.latest ? (
          <p className="text-sm text-zinc-500">No sample yet: the diagnosis appears after the first successful poll.</p>
        ) : tab === "diagnosis" ? (
          host.analysis && <PanelFindings analysis={host.analysis} catalogueLinks={catalogueLinks} />
        ) : tab === "sockets" ? (
          <div className="space-y-4">
            <TablesTimeWait breakdown={host.latest.timeWait} portRange={host.latest.sysctls["net.ipv4.ip_local_port_range"]} />
            {breakdownCharts}
            {ratesChart}
          </div>
        ) : (
          <TableSysctls sysctls={host.latest.sysctls} missing={host.latest.missingSysctls} kernel={host.latest.kernel} configured={host.latest.configuredSysctls} />
        )}
      </div>
    </section>
  );
}

export function tabOf(value: string | null): HostTab {
  return (HOST_TABS as readonly string[]).includes(value ?? "") ? (value as HostTab) : "diagnosis";
}

/** A snapshot stores no SSH user, so it shows address:port only. */
function endpointOf(host: HostPageData): string {
  if (host.transport === "local") return "local probe";
  if (host.transport === "bundle") return "from an imported bundle";
  return `${host.username ? `${host.username}@` : ""}${host.address}:${host.port}`;
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-mono text-xl">{value}</dd>
    </div>
  );
}
