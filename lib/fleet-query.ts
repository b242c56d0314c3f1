import { z } from "zod";
import { severityWeight } from "./advice/types";
import type { FleetHostDto } from "./dto";
import type { StoredText } from "./i18n/message";
import { freshnessOf } from "./host/freshness";
import { HOST_STATUSES, type HostStatus } from "./types";

const SORT_KEYS = ["severity", "name", "status", "tw", "estab", "rate", "lastPoll"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;
/** What the page-size select offers; the API takes any size from 1 to MAX_PAGE_SIZE. */
export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;

/**
 * The fleet view's query, as `GET /api/hosts` takes it and the fleet page keeps it in its URL:
 * a status (or "stale": no sample for 3 poll intervals, see lib/host/freshness.ts), the worst
 * finding's severity, a tag, a search, the sort, and the page.
 */
const fleetQuerySchema = z.object({
  q: z.string().max(200).default(""),
  status: z.enum([...HOST_STATUSES, "stale", ""]).default(""),
  severity: z.enum(["critical", "warning", "info", ""]).default(""),
  tag: z.string().max(40).default(""),
  sort: z.enum(SORT_KEYS).default("severity"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

/** What the fleet table shows, kept in the URL so a link reproduces the view. */
export type FleetQuery = z.infer<typeof fleetQuerySchema>;
type StatusFilter = FleetQuery["status"];

export const DEFAULT_QUERY: FleetQuery = fleetQuerySchema.parse({});

/** The API's reading of a query string: a value out of its range is an error naming the field. */
export function parseFleetQuery(params: URLSearchParams): FleetQuery {
  return fleetQuerySchema.parse(Object.fromEntries(params));
}

/** The page's reading of its URL: a value that does not fit (an old or hand-edited link) falls back to the default view's. */
export function queryFromParams(params: URLSearchParams): FleetQuery {
  const view = { ...DEFAULT_QUERY };
  for (const [key, field] of Object.entries(fleetQuerySchema.shape) as [keyof FleetQuery, z.ZodType][]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = field.safeParse(raw);
    if (parsed.success) Object.assign(view, { [key]: parsed.data });
  }
  return view;
}

/** Only the settings that differ from the default view, so plain links stay plain. */
export function paramsFromQuery(view: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_QUERY) as (keyof FleetQuery)[]) {
    if (view[key] !== DEFAULT_QUERY[key]) params.set(key, String(view[key]));
  }
  return params;
}

/** The view after a change: any change but of the page itself starts again at page 1. */
export const nextView = (view: FleetQuery, patch: Partial<FleetQuery>): FleetQuery => ({ ...view, ...patch, page: patch.page ?? 1 });

/** Whether the view narrows the fleet (a page or a sort alone does not). */
export const isFiltered = (view: FleetQuery) => Boolean(view.q.trim() || view.status || view.severity || view.tag);

/** The order of statuses when sorting by status: the worst trouble last (so first when descending). */
export const STATUS_RANK: Record<HostStatus, number> = {
  "host-key-mismatch": 7,
  unreachable: 6,
  "auth-failed": 5,
  timeout: 4,
  "probe-error": 3,
  "host-key-unknown": 2,
  pending: 1,
  ok: 0,
};

function sortValue(h: FleetHostDto, key: SortKey): [number | string, number] {
  switch (key) {
    case "severity":
      return [h.worst ? severityWeight(h.worst.severity) : 0, h.current?.timeWait ?? 0];
    case "name":
      return [h.name.toLowerCase(), 0];
    case "status":
      return [STATUS_RANK[h.status], 0];
    case "tw":
      return [h.current?.timeWait ?? -1, 0];
    case "estab":
      return [h.current?.established ?? -1, 0];
    case "rate":
      return [h.current?.newConnectionsPerSec ?? -1, 0];
    case "lastPoll":
      return [h.lastPollAt ?? 0, 0];
  }
}

const compare = <T extends number | string>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);

type TextOf = (text: StoredText) => string;
const legacyText: TextOf = (text) => (typeof text === "string" ? text : "");

/**
 * Whether a host passes the view's filters, "stale" judged at `now`. The server filters the same way
 * in SQL (server/db/fleet-rows.ts); this one serves snapshots, which hold their rows in the page.
 */
function matches(h: FleetHostDto, view: FleetQuery, now: number, pollIntervalMs: number, textOf: TextOf): boolean {
  const q = view.q.trim().toLowerCase();
  const status = (s: StatusFilter) => !s || (s === "stale" ? freshnessOf(h, now, pollIntervalMs).state === "stale" : h.status === s);
  return (
    (!q ||
      h.name.toLowerCase().includes(q) ||
      h.address.toLowerCase().includes(q) ||
      h.tags.some((t) => t.toLowerCase().includes(q)) ||
      (h.worst ? textOf(h.worst.title).toLowerCase().includes(q) : false)) &&
    status(view.status) &&
    (!view.severity || h.worst?.severity === view.severity) &&
    (!view.tag || h.tags.includes(view.tag))
  );
}

/**
 * The hosts the view matches, in its order (ties by name, then id, in either direction), "stale"
 * judged at `now`. Pages are cut from this order. `textOf` renders a worst finding's title (a catalogue
 * message) in the reader's language for the search; by default only legacy English titles are searched.
 */
export function applyQuery(
  hosts: FleetHostDto[],
  view: FleetQuery,
  now: number,
  pollIntervalMs: number,
  textOf: TextOf = legacyText,
): FleetHostDto[] {
  const sign = view.dir === "asc" ? 1 : -1;
  return hosts
    .filter((h) => matches(h, view, now, pollIntervalMs, textOf))
    .sort((a, b) => {
      const [x1, x2] = sortValue(a, view.sort);
      const [y1, y2] = sortValue(b, view.sort);
      return sign * (compare(x1, y1) || compare(x2, y2)) || compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.id, b.id);
    });
}

/** Where a page sits among the hosts the view matched. */
export interface FleetPageInfo {
  /** The page asked for (it may lie past the last one when hosts went away). */
  page: number;
  pageSize: number;
  /** At least 1, even when nothing matched. */
  pageCount: number;
  /** Hosts after the filters. */
  matched: number;
  /** Every host of the fleet. */
  total: number;
}

export function pageInfoOf(view: Pick<FleetQuery, "page" | "pageSize">, matched: number, total: number): FleetPageInfo {
  return { page: view.page, pageSize: view.pageSize, pageCount: Math.max(1, Math.ceil(matched / view.pageSize)), matched, total };
}

/** The rows of the view's page out of rows already in the view's order. */
export const pageRows = <T>(ordered: T[], view: Pick<FleetQuery, "page" | "pageSize">): T[] =>
  ordered.slice((view.page - 1) * view.pageSize, view.page * view.pageSize);

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

/** Statuses that are no trouble for the "unreachable or failing" tile. */
export const UNTROUBLED_STATUSES: readonly HostStatus[] = ["ok", "pending"];

/**
 * The tiles' totals at `now`: "now" figures come from fresh samples only, and say how many hosts they
 * leave out. The server counts the same way in SQL; this one serves snapshots.
 */
export function fleetTotals(hosts: FleetHostDto[], now: number, pollIntervalMs: number): FleetTotals {
  const states = hosts.map((h) => ({ h, state: freshnessOf(h, now, pollIntervalMs).state }));
  const fresh = states.filter((s) => s.state === "fresh").map((s) => s.h);
  return {
    hosts: hosts.length,
    timeWait: fresh.reduce((sum, h) => sum + (h.current?.timeWait ?? 0), 0),
    critical: fresh.filter((h) => h.worst?.severity === "critical").length,
    warning: fresh.filter((h) => h.worst?.severity === "warning").length,
    unreachable: hosts.filter((h) => !UNTROUBLED_STATUSES.includes(h.status)).length,
    leftOut: {
      stale: states.filter((s) => s.state === "stale").length,
      bundle: states.filter((s) => s.state === "bundle").length,
    },
  };
}

/** Every tag of the fleet, sorted, for the tag filter. */
export const tagsOf = (hosts: Pick<FleetHostDto, "tags">[]) => [...new Set(hosts.flatMap((h) => h.tags))].sort();
