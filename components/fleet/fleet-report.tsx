"use client";

import type { ReactNode } from "react";
import type { FleetHostDto } from "@/lib/dto";
import { applyQuery, fleetTotals, type FleetQuery, type SortKey } from "@/lib/fleet-query";
import { freshnessOf, type Freshness } from "@/lib/host/freshness";
import { useNow } from "../ui/use-now";
import { FleetControls } from "./fleet-controls";
import { FleetTable } from "./fleet-table";
import { FleetTiles } from "./fleet-tiles";

interface Props {
  hosts: FleetHostDto[];
  /** What the age of a sample is judged by: older than 3 intervals is stale. */
  pollIntervalMs: number;
  view: FleetQuery;
  onChange: (patch: Partial<FleetQuery>) => void;
  /** The findings list (live on the fleet page, frozen in a snapshot), told each host's data age by id. */
  findings: (ageOf: (hostId: number) => Freshness | undefined) => ReactNode;
  actions?: ReactNode;
  empty: ReactNode;
  footnote: string;
  linkHosts?: boolean;
  /** A snapshot's capture time: ages are judged then, and nothing counts on. */
  capturedAt?: number;
  /** Above the tiles on the live page: the firing alerts' strip (snapshots carry no alerts). */
  alerts?: ReactNode;
  /** How many alerts fire on a host, for its marker in the table. */
  firingOf?: (hostId: number) => number;
}

/** The fleet page without any fetching: tiles, findings, filters and the table, for live or frozen hosts. */
export function FleetReport({
  hosts,
  pollIntervalMs,
  view,
  onChange,
  findings,
  actions,
  empty,
  footnote,
  linkHosts = true,
  capturedAt,
  alerts,
  firingOf,
}: Props) {
  // The browser's own clock: a page left open turns stale without a refetch.
  const now = useNow(5_000, capturedAt);
  const shown = applyQuery(hosts, view, now, pollIntervalMs);
  const ages = new Map(hosts.map((h) => [h.id, freshnessOf(h, now, pollIntervalMs)]));
  const ageOf = (h: FleetHostDto) => ages.get(h.id) ?? freshnessOf(h, now, pollIntervalMs);
  const tags = [...new Set(hosts.flatMap((h) => h.tags))].sort();
  const sortBy = (key: SortKey) => onChange({ sort: key, dir: view.sort === key && view.dir === "desc" ? "asc" : "desc" });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Fleet</h1>
        {actions && <div className="flex flex-wrap items-center gap-3">{actions}</div>}
      </div>
      {alerts}
      {hosts.length === 0 ? (
        empty
      ) : (
        <>
          <FleetTiles
            totals={fleetTotals(hosts, now, pollIntervalMs)}
            frozen={capturedAt !== undefined}
            onSeverity={(severity) => onChange({ severity })}
            onProblem={() => onChange({ sort: "status", dir: "desc" })}
            onStale={() => onChange({ status: "stale" })}
          />
          {findings((id) => ages.get(id))}
          <FleetControls view={view} tags={tags} onChange={onChange} />
          {shown.length === 0 ? (
            <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700">
              No host matches these filters.
            </p>
          ) : (
            <FleetTable
              hosts={shown}
              view={view}
              onSort={sortBy}
              freshnessOf={ageOf}
              linkHosts={linkHosts}
              capturedAt={capturedAt}
              firingOf={firingOf}
            />
          )}
          <p className="text-xs text-zinc-500">
            {shown.length} of {hosts.length} hosts · {footnote}
          </p>
        </>
      )}
    </section>
  );
}
