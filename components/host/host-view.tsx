"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { hostQuery } from "@/lib/api-client";
import type { HostDetailDto, SeriesDto } from "@/lib/dto";
import { formatAgo, formatCount, formatRate } from "@/lib/format";
import { StatusBadge } from "../ui/status-badge";
import { rangeOf } from "@/lib/series-range";
import { ChartRates, ChartTimeWait } from "./chart-time-wait";
import { ErrorHint } from "./error-hint";
import { PanelFindings } from "./panel-findings";
import { PanelHostKey } from "./panel-host-key";
import { TablesTimeWait } from "./tables-time-wait";
import { TableSysctls } from "./table-sysctls";

const TABS = ["diagnosis", "sockets", "settings"] as const;
type Tab = (typeof TABS)[number];

interface Props {
  id: number;
  initialHost?: HostDetailDto;
  initialSeries?: { range: string; series: SeriesDto };
}

export function HostView({ id, initialHost, initialSeries }: Props) {
  const { data: host, error, isPending } = useQuery({ ...hostQuery(id), initialData: initialHost });
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range = rangeOf(params.get("range"));
  const tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "diagnosis";
  const set = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params.toString());
    if (value === fallback) next.delete(key); else next.set(key, value);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  if (isPending) return <p className="text-zinc-500" role="status">Loading host…</p>;
  if (error) return <p className="text-red-600" role="alert">Cannot load host {id}: {error.message}</p>;
  const maxBuckets = Number(host.latest?.sysctls["net.ipv4.tcp_max_tw_buckets"]) || null;
  return (
    <section className="space-y-5">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{host.name}</h1>
        <StatusBadge status={host.status} />
        <span className="font-mono text-xs text-zinc-500">{host.transport === "local" ? "local probe" : host.transport === "bundle" ? "from an imported bundle" : `${host.username}@${host.address}:${host.port}`}</span>
        <span className="text-xs text-zinc-500">{host.transport === "bundle" ? "imported" : "last poll"} {formatAgo(host.lastPollAt)}</span>
        {host.transport === "ssh" && <Link href={`/hosts/${id}/edit`} className="ml-auto text-sm underline">Edit</Link>}
      </header>
      <ErrorHint status={host.status} error={host.lastError} />
      <PanelHostKey host={host} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Tile label="TIME_WAIT now" value={formatCount(host.current?.timeWait)} />
        <Tile label="server side (listening ports)" value={formatCount(host.current?.twServer)} />
        <Tile label="client side (to destinations)" value={formatCount(host.current?.twClient)} />
        <Tile label="ESTABLISHED" value={formatCount(host.current?.established)} />
        <Tile label="new connections" value={formatRate(host.current?.newConnectionsPerSec)} />
      </dl>
      <ChartTimeWait hostId={id} range={range} onRange={(r) => set("range", r, "1h")} maxBuckets={maxBuckets}
        initialSeries={initialSeries?.range === range ? initialSeries.series : undefined} />
      <div role="tablist" aria-label="Host details" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={t === tab} onClick={() => set("tab", t, "diagnosis")}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm capitalize ${t === tab ? "border-amber-600 font-medium" : "border-transparent text-zinc-500"}`}>{t}</button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {!host.latest ? (
          <p className="text-sm text-zinc-500">No sample yet: the diagnosis appears after the first successful poll.</p>
        ) : tab === "diagnosis" ? (
          host.analysis && <PanelFindings analysis={host.analysis} />
        ) : tab === "sockets" ? (
          <div className="space-y-4">
            <TablesTimeWait breakdown={host.latest.timeWait} portRange={host.latest.sysctls["net.ipv4.ip_local_port_range"]} />
            <ChartRates hostId={id} range={range} />
          </div>
        ) : (
          <TableSysctls sysctls={host.latest.sysctls} missing={host.latest.missingSysctls} kernel={host.latest.kernel} configured={host.latest.configuredSysctls} />
        )}
      </div>
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
