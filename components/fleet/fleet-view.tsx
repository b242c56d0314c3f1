"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { hostsQuery } from "@/lib/api-client";
import { formatCount } from "@/lib/format";
import { ListFleetFindings } from "./list-fleet-findings";
import { TableFleet } from "./table-fleet";

export function FleetView() {
  const { data, error, isPending } = useQuery(hostsQuery());
  if (isPending) return <p className="text-zinc-500" role="status">Loading hosts…</p>;
  if (error) return <p className="text-red-600" role="alert">Cannot load hosts: {error.message}</p>;
  const hosts = data.hosts;
  const total = hosts.reduce((s, h) => s + (h.current?.timeWait ?? 0), 0);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Fleet</h1>
          <p className="text-sm text-zinc-500">{hosts.length} hosts · {formatCount(total)} TIME_WAIT sockets now</p>
        </div>
        <Link href="/hosts/new" className="rounded bg-zinc-900 px-3 py-2 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900">Add host</Link>
      </div>
      {hosts.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          No hosts yet — <Link className="underline" href="/hosts/new">add one</Link> or <Link className="underline" href="/hosts/import">import ~/.ssh/config</Link>.
        </p>
      ) : (
        <>
          <ListFleetFindings />
          <TableFleet hosts={hosts} />
        </>
      )}
    </section>
  );
}
