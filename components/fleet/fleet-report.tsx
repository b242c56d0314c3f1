import type { ReactNode } from "react";
import type { FleetHostDto } from "@/lib/dto";
import { applyView, fleetTotals, type FleetView, type SortKey } from "@/lib/fleet-view";
import { ControlsFleet } from "./controls-fleet";
import { TableFleet } from "./table-fleet";
import { TilesFleet } from "./tiles-fleet";

interface Props {
  hosts: FleetHostDto[];
  view: FleetView;
  onChange: (patch: Partial<FleetView>) => void;
  /** The findings list: live on the fleet page, frozen in a snapshot. */
  findings: ReactNode;
  actions?: ReactNode;
  empty: ReactNode;
  footnote: string;
  linkHosts?: boolean;
  now?: number;
}

/** The fleet page without any fetching: tiles, findings, filters and the table, for live or frozen hosts. */
export function FleetReport({ hosts, view, onChange, findings, actions, empty, footnote, linkHosts = true, now }: Props) {
  const shown = applyView(hosts, view);
  const tags = [...new Set(hosts.flatMap((h) => h.tags))].sort();
  const sortBy = (key: SortKey) => onChange({ sort: key, dir: view.sort === key && view.dir === "desc" ? "asc" : "desc" });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Fleet</h1>
        {actions && <div className="flex flex-wrap items-center gap-3">{actions}</div>}
      </div>
      {hosts.length === 0 ? empty : (
        <>
          <TilesFleet totals={fleetTotals(hosts)} onSeverity={(severity) => onChange({ severity })} onProblem={() => onChange({ sort: "status", dir: "desc" })} />
          {findings}
          <ControlsFleet view={view} tags={tags} onChange={onChange} />
          {shown.length === 0
            ? <p className="rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700">No host matches these filters.</p>
            : <TableFleet hosts={shown} view={view} onSort={sortBy} linkHosts={linkHosts} now={now} />}
          <p className="text-xs text-zinc-500">{shown.length} of {hosts.length} hosts · {footnote}</p>
        </>
      )}
    </section>
  );
}
