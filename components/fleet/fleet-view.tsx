"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { hostsQuery } from "@/lib/api-client";
import type { HostDto } from "@/lib/dto";
import { applyView, fleetTotals, paramsFromView, viewFromParams, type FleetView as View, type SortKey } from "@/lib/fleet-view";
import { ControlsFleet } from "./controls-fleet";
import { ListFleetFindings } from "./list-fleet-findings";
import { TableFleet } from "./table-fleet";
import { TilesFleet } from "./tiles-fleet";

export function FleetView({ initialHosts }: { initialHosts?: HostDto[] }) {
  const { data, error, isPending } = useQuery({ ...hostsQuery(), initialData: initialHosts && { hosts: initialHosts } });
  const router = useRouter();
  const pathname = usePathname();
  const view = viewFromParams(new URLSearchParams(useSearchParams().toString()));
  const change = (patch: Partial<View>) => {
    const qs = paramsFromView({ ...view, ...patch }).toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const sortBy = (key: SortKey) => change({ sort: key, dir: view.sort === key && view.dir === "desc" ? "asc" : "desc" });

  if (isPending) return <p className="text-zinc-500" role="status">Loading hosts…</p>;
  if (error) return <p className="text-red-600" role="alert">Cannot load hosts: {error.message}. Retrying every few seconds.</p>;
  const hosts = data.hosts;
  const shown = applyView(hosts, view);
  const tags = [...new Set(hosts.flatMap((h) => h.tags))].sort();
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Fleet</h1>
        <Link href="/hosts/new" className="rounded bg-zinc-900 px-3 py-2 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900">Add host</Link>
      </div>
      {hosts.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          No hosts yet — <Link className="underline" href="/hosts/new">add one</Link>, <Link className="underline" href="/hosts/import">import ~/.ssh/config</Link>, or run the lab (<code>npm run lab -- up</code>).
        </p>
      ) : (
        <>
          <TilesFleet totals={fleetTotals(hosts)} onSeverity={(severity) => change({ severity })} onProblem={() => change({ sort: "status", dir: "desc" })} />
          <ListFleetFindings />
          <ControlsFleet view={view} tags={tags} onChange={change} />
          {shown.length === 0
            ? <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700">No host matches these filters.</p>
            : <TableFleet hosts={shown} view={view} onSort={sortBy} />}
          <p className="text-xs text-zinc-500">{shown.length} of {hosts.length} hosts · refreshes by itself as polls land</p>
        </>
      )}
    </section>
  );
}
