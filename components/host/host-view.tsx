"use client";

import { useQuery } from "@tanstack/react-query";
import { hostQuery } from "@/lib/api-client";
import { formatAgo, formatCount } from "@/lib/format";
import { StatusBadge } from "../ui/status-badge";
import { ChartTimeWait } from "./chart-time-wait";
import { PanelFindings } from "./panel-findings";
import { PanelHostKey } from "./panel-host-key";
import { TablesTimeWait } from "./tables-time-wait";
import { TableSysctls } from "./table-sysctls";

export function HostView({ id }: { id: number }) {
  const { data: host, error, isPending } = useQuery(hostQuery(id));
  if (isPending) return <p className="text-zinc-500" role="status">Loading host…</p>;
  if (error) return <p className="text-red-600" role="alert">Cannot load host {id}: {error.message}</p>;
  return (
    <section className="space-y-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{host.name}</h1>
        <StatusBadge status={host.status} />
        <span className="font-mono text-xs text-zinc-500">{host.transport === "local" ? "local probe" : host.transport === "bundle" ? "from an imported bundle" : `${host.username}@${host.address}:${host.port}`}</span>
        <span className="text-xs text-zinc-500">{host.transport === "bundle" ? "imported" : "last poll"} {formatAgo(host.lastPollAt)}</span>
      </header>
      {host.lastError && host.status !== "ok" && <p className="rounded bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" role="alert">{host.lastError}</p>}
      <PanelHostKey host={host} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Tile label="TIME_WAIT now" value={formatCount(host.current?.timeWait)} />
        <Tile label="server side (listening ports)" value={formatCount(host.current?.twServer)} />
        <Tile label="client side (to peers)" value={formatCount(host.current?.twClient)} />
        <Tile label="ESTABLISHED" value={formatCount(host.current?.established)} />
      </dl>
      {host.analysis && <PanelFindings analysis={host.analysis} />}
      <ChartTimeWait hostId={id} />
      {host.latest ? (
        <>
          <TablesTimeWait breakdown={host.latest.timeWait} portRange={host.latest.sysctls["net.ipv4.ip_local_port_range"]} />
          <TableSysctls sysctls={host.latest.sysctls} missing={host.latest.missingSysctls} kernel={host.latest.kernel} />
        </>
      ) : (
        <p className="text-sm text-zinc-500">No sample yet: the breakdown appears after the first successful poll.</p>
      )}
    </section>
  );
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-mono text-xl">{value}</dd>
    </div>
  );
}
