import { severityWeight, type Severity } from "./advice/types";
import type { FleetHostDto } from "./dto";
import { freshnessOf } from "./host/freshness";
import type { HostStatus } from "./types";

const SORT_KEYS = ["severity", "name", "status", "tw", "estab", "rate", "lastPoll"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A status filter: a host status, or "stale" for hosts whose newest sample is too old (see lib/host/freshness.ts). */
type StatusFilter = HostStatus | "stale" | "";

/** What the fleet table shows, kept in the URL so a link reproduces the view. */
export interface FleetQuery {
  q: string;
  status: StatusFilter;
  severity: Severity | "";
  tag: string;
  sort: SortKey;
  dir: "asc" | "desc";
}

export const DEFAULT_QUERY: FleetQuery = { q: "", status: "", severity: "", tag: "", sort: "severity", dir: "desc" };

export function queryFromParams(params: URLSearchParams): FleetQuery {
  const sort = params.get("sort") as SortKey | null;
  return {
    q: params.get("q") ?? "",
    status: (params.get("status") ?? "") as FleetQuery["status"],
    severity: (params.get("severity") ?? "") as FleetQuery["severity"],
    tag: params.get("tag") ?? "",
    sort: sort && SORT_KEYS.includes(sort) ? sort : DEFAULT_QUERY.sort,
    dir: params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : DEFAULT_QUERY.dir,
  };
}

/** Only the settings that differ from the default view, so plain links stay plain. */
export function paramsFromQuery(view: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof FleetQuery)[]) {
    if (view[key] !== DEFAULT_QUERY[key]) params.set(key, view[key]);
  }
  return params;
}

const STATUS_RANK: Record<HostStatus, number> = {
  "host-key-mismatch": 7,
  unreachable: 6,
  "auth-failed": 5,
  timeout: 4,
  "probe-error": 3,
  "host-key-unknown": 2,
  pending: 1,
  ok: 0,
};

function sortValue(h: FleetHostDto, key: SortKey): number | string {
  switch (key) {
    case "severity":
      return (h.worst ? severityWeight(h.worst.severity) : 0) * 1e9 + (h.current?.timeWait ?? 0);
    case "name":
      return h.name.toLowerCase();
    case "status":
      return STATUS_RANK[h.status];
    case "tw":
      return h.current?.timeWait ?? -1;
    case "estab":
      return h.current?.established ?? -1;
    case "rate":
      return h.current?.newConnectionsPerSec ?? -1;
    case "lastPoll":
      return h.lastPollAt ?? 0;
  }
}

/** The hosts the view shows, in its order; "stale" is judged at `now`. */
export function applyQuery(hosts: FleetHostDto[], view: FleetQuery, now: number, pollIntervalMs: number): FleetHostDto[] {
  const q = view.q.trim().toLowerCase();
  const statusMatches = (h: FleetHostDto) =>
    !view.status || (view.status === "stale" ? freshnessOf(h, now, pollIntervalMs).state === "stale" : h.status === view.status);
  const shown = hosts.filter(
    (h) =>
      (!q ||
        h.name.toLowerCase().includes(q) ||
        h.address.toLowerCase().includes(q) ||
        h.tags.some((t) => t.includes(q)) ||
        (h.worst?.title.toLowerCase().includes(q) ?? false)) &&
      statusMatches(h) &&
      (!view.severity || h.worst?.severity === view.severity) &&
      (!view.tag || h.tags.includes(view.tag)),
  );
  const sign = view.dir === "asc" ? 1 : -1;
  return shown.sort((a, b) => {
    const x = sortValue(a, view.sort);
    const y = sortValue(b, view.sort);
    return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name) * sign) * sign;
  });
}

export interface FleetTotals {
  hosts: number;
  /** TIME_WAIT, critical and warning hosts count fresh samples only. */
  timeWait: number;
  critical: number;
  warning: number;
  unreachable: number;
  /** The hosts those three leave out: stale samples and pasted bundles. */
  leftOut: { stale: number; bundle: number };
}

/** The tiles' totals at `now`: "now" figures come from fresh samples only, and say how many hosts they leave out. */
export function fleetTotals(hosts: FleetHostDto[], now: number, pollIntervalMs: number): FleetTotals {
  const states = hosts.map((h) => ({ h, state: freshnessOf(h, now, pollIntervalMs).state }));
  const fresh = states.filter((s) => s.state === "fresh").map((s) => s.h);
  return {
    hosts: hosts.length,
    timeWait: fresh.reduce((sum, h) => sum + (h.current?.timeWait ?? 0), 0),
    critical: fresh.filter((h) => h.worst?.severity === "critical").length,
    warning: fresh.filter((h) => h.worst?.severity === "warning").length,
    unreachable: hosts.filter((h) => !["ok", "pending"].includes(h.status)).length,
    leftOut: {
      stale: states.filter((s) => s.state === "stale").length,
      bundle: states.filter((s) => s.state === "bundle").length,
    },
  };
}
