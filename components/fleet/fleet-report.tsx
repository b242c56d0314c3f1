"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FleetFindingDto, FleetHostDto } from "@/lib/dto";
import { isFiltered, type FleetPageInfo, type FleetQuery, type FleetTotals, type SortKey } from "@/lib/fleet-query";
import { freshnessOf } from "@/lib/host/freshness";
import { useNow } from "../ui/use-now";
import { FleetControls } from "./fleet-controls";
import { FleetFindingsList } from "./fleet-findings-list";
import { FleetNoMatch } from "./fleet-no-match";
import { FleetPager } from "./fleet-pager";
import { FleetTable } from "./fleet-table";
import { FleetTiles } from "./fleet-tiles";

interface Props {
  /** The view's page of hosts, in its order. */
  rows: FleetHostDto[];
  info: FleetPageInfo;
  /** The whole fleet's tiles, tags and findings (the findings' hosts carry their sample's time and source). */
  totals: FleetTotals;
  tags: string[];
  findings: FleetFindingDto[];
  /** What the age of a sample is judged by: older than 3 intervals is stale. */
  pollIntervalMs: number;
  view: FleetQuery;
  onChange: (patch: Partial<FleetQuery>) => void;
  actions?: ReactNode;
  empty: ReactNode;
  footnote: string;
  linkHosts?: boolean;
  /** A snapshot's capture time: ages are judged then, and nothing counts on. */
  capturedAt?: number;
  /** On the live page: when the server counted the totals. */
  countedAt?: number;
  /** Another page, filter or sort is loading: the rows on screen are the previous answer's. */
  loading?: boolean;
  /** Above the tiles on the live page: the firing alerts' strip (snapshots carry no alerts). */
  alerts?: ReactNode;
  /** How many alerts fire on a host, for its marker in the table. */
  firingOf?: (hostId: number) => number;
  /** On the live page: the collectors polling the fleet, below the table. */
  collectors?: ReactNode;
}

/** The fleet page without any fetching: tiles, findings, filters, one page of the table and the pager, for live or frozen hosts. */
export function FleetReport({
  rows,
  info,
  totals,
  tags,
  findings,
  pollIntervalMs,
  view,
  onChange,
  actions,
  empty,
  footnote,
  linkHosts = true,
  capturedAt,
  countedAt,
  loading = false,
  alerts,
  firingOf,
  collectors,
}: Props) {
  // The browser's own clock for the rows and the findings' hosts: a page left open turns stale without a refetch.
  const t = useTranslations("fleet");
  const now = useNow(5_000, capturedAt);
  const ageOf = (h: Parameters<typeof freshnessOf>[0]) => freshnessOf(h, now, pollIntervalMs);
  const sortBy = (key: SortKey) => onChange({ sort: key, dir: view.sort === key && view.dir === "desc" ? "asc" : "desc" });
  const clear = () => onChange({ q: "", status: "", severity: "", tag: "" });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {actions && <div className="flex flex-wrap items-center gap-3">{actions}</div>}
      </div>
      {alerts}
      {info.total === 0 ? (
        empty
      ) : (
        <>
          <FleetTiles
            totals={totals}
            frozen={capturedAt !== undefined}
            countedAt={countedAt}
            onSeverity={(severity) => onChange({ severity })}
            onProblem={() => onChange({ sort: "status", dir: "desc" })}
            onStale={() => onChange({ status: "stale" })}
          />
          <FleetFindingsList
            findings={findings}
            linkHosts={linkHosts}
            ageOf={(h) =>
              h.at === undefined || !h.transport ? undefined : ageOf({ transport: h.transport, lastPollAt: null, current: { at: h.at } })
            }
          />
          <FleetControls view={view} tags={tags} onChange={onChange} />
          {rows.length === 0 ? (
            <FleetNoMatch view={view} info={info} onClear={clear} onPage={(page) => onChange({ page })} />
          ) : (
            <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : undefined}>
              <FleetTable
                hosts={rows}
                view={view}
                onSort={sortBy}
                freshnessOf={ageOf}
                linkHosts={linkHosts}
                capturedAt={capturedAt}
                firingOf={firingOf}
              />
            </div>
          )}
          <FleetPager
            info={info}
            filtered={isFiltered(view)}
            loading={loading}
            onPage={(page) => onChange({ page })}
            onPageSize={(pageSize) => onChange({ pageSize })}
          />
          <p className="text-xs text-zinc-500">{footnote}</p>
        </>
      )}
      {collectors}
    </section>
  );
}
