import "server-only";
import { HEALTHY_RULE_ID } from "@/lib/advice/rules";
import { severityWeight, type Severity } from "@/lib/advice/types";
import type { StoredText } from "@/lib/i18n/message";
import { STATUS_RANK, UNTROUBLED_STATUSES, type FleetQuery, type FleetTotals, type SortKey } from "@/lib/fleet-query";
import type { HostDto } from "@/lib/dto";
import type { HostStatus, HostTransport } from "@/lib/types";
import type { SampleSummary } from "@/lib/sample/summary";
import type { Db } from "./db";
import { storedTextOf } from "./stored-text";
import type { StoredSummary } from "./summaries";

/*
 * The fleet page's reads: filter, sort, count and page in SQL over the hosts and the columns of their
 * latest summaries (server/db/summaries.ts), never a full sample. Every condition here means what its
 * in-memory twin in lib/fleet-query.ts means (snapshots filter their frozen rows with that one); the
 * tests compare the two.
 */

/**
 * Whether `haystack` contains `needle`, case-sensitively and without LIKE's wildcards: the one
 * engine-specific expression of this file (SQLite's `instr`; PostgreSQL's `strpos` means the same).
 */
const contains = (db: Db, haystack: string, needle: string) =>
  `${db.engine === "postgres" ? "strpos" : "instr"}(${haystack}, ${needle}) > 0`;

const FROM = "FROM hosts h LEFT JOIN latest_summaries s ON s.host_id = h.id";
/** The collector whose lease on the host runs at `@now`. */
const LEASE_HOLDER = "LEFT JOIN host_leases l ON l.host_id = h.id AND l.expires_at >= @now LEFT JOIN collectors c ON c.id = l.collector_id";

// A host's data age as lib/host/freshness.ts judges it, at `@staleBefore` = now − 3 poll intervals.
const FRESH = "(s.ts IS NOT NULL AND h.transport <> 'bundle' AND s.ts >= @staleBefore)";
const STALE = "(s.ts IS NOT NULL AND h.transport <> 'bundle' AND s.ts < @staleBefore)";
const BUNDLE = "(s.ts IS NOT NULL AND h.transport = 'bundle')";

const SEVERITIES: Severity[] = ["critical", "warning", "info"];
/** A severity column's weight (lib/advice/types.ts), 0 for none. */
const weightOf = (column: string) =>
  `(CASE ${column} ${SEVERITIES.map((s) => `WHEN '${s}' THEN ${severityWeight(s)}`).join(" ")} ELSE 0 END)`;
const STATUS_ORDER = `(CASE h.status ${Object.entries(STATUS_RANK)
  .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
  .join(" ")} ELSE 0 END)`;

/** The expressions each sort orders by, in that direction; ties go by name, then id, ascending. */
const SORT_SQL: Record<SortKey, string[]> = {
  severity: [weightOf("s.worst_severity"), "COALESCE(s.tw, 0)"],
  name: ["LOWER(h.name)"],
  status: [STATUS_ORDER],
  tw: ["COALESCE(s.tw, -1)"],
  estab: ["COALESCE(s.estab, -1)"],
  rate: ["COALESCE(s.new_conn_rate, -1)"],
  lastPoll: ["COALESCE(h.last_poll_at, 0)"],
};

// Tags are stored as a JSON array; no tag holds these, so a search with one cannot match a tag.
const NOT_IN_TAGS = /[",[\]\\]/;

interface Filter {
  sql: string;
  params: Record<string, string>;
}

/** The view's filters as one SQL condition with its named parameters. */
function filterOf(db: Db, view: FleetQuery): Filter {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  const q = view.q.trim().toLowerCase();
  if (q) {
    params.q = q;
    const fields = ["LOWER(h.name)", "LOWER(h.address)", "LOWER(s.worst_title)", ...(NOT_IN_TAGS.test(q) ? [] : ["LOWER(h.tags)"])];
    parts.push(`(${fields.map((f) => contains(db, f, "@q")).join(" OR ")})`);
  }
  if (view.status === "stale") parts.push(STALE);
  else if (view.status) {
    params.status = view.status;
    parts.push("h.status = @status");
  }
  if (view.severity) {
    params.severity = view.severity;
    parts.push("s.worst_severity = @severity");
  }
  if (view.tag) {
    // An element of the JSON array, quotes included: "web" is not found inside "webapp".
    params.tag = JSON.stringify(view.tag);
    parts.push(contains(db, "h.tags", "@tag"));
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

/** How many hosts there are and how many the view matches, and the tiles' totals over every host at `staleBefore`. */
export async function readFleetCounts(db: Db, view: FleetQuery, staleBefore: number): Promise<{ matched: number; totals: FleetTotals }> {
  const filter = filterOf(db, view);
  const untroubled = UNTROUBLED_STATUSES.map((s) => `'${s}'`).join(", ");
  const row = (await db.get<Record<string, number | null>>(
    `
    SELECT COUNT(*) AS hosts,
      SUM(CASE WHEN ${filter.sql} THEN 1 ELSE 0 END) AS matched,
      SUM(CASE WHEN ${FRESH} THEN COALESCE(s.tw, 0) ELSE 0 END) AS tw,
      SUM(CASE WHEN ${FRESH} AND s.worst_severity = 'critical' THEN 1 ELSE 0 END) AS critical,
      SUM(CASE WHEN ${FRESH} AND s.worst_severity = 'warning' THEN 1 ELSE 0 END) AS warning,
      SUM(CASE WHEN h.status NOT IN (${untroubled}) THEN 1 ELSE 0 END) AS unreachable,
      SUM(CASE WHEN ${STALE} THEN 1 ELSE 0 END) AS stale,
      SUM(CASE WHEN ${BUNDLE} THEN 1 ELSE 0 END) AS bundle
    ${FROM}
  `,
    { ...filter.params, staleBefore },
  ))!;
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    matched: n("matched"),
    totals: {
      hosts: n("hosts"),
      timeWait: n("tw"),
      critical: n("critical"),
      warning: n("warning"),
      unreachable: n("unreachable"),
      leftOut: { stale: n("stale"), bundle: n("bundle") },
    },
  };
}

/** What a fleet row shows of the host, with the collector holding its lease now, if any. */
export type FleetHostFields = Pick<
  HostDto,
  "id" | "name" | "transport" | "address" | "port" | "username" | "tags" | "zone" | "collector" | "status" | "lastError" | "lastPollAt"
>;

interface FleetRow {
  id: number;
  name: string;
  transport: HostTransport;
  address: string;
  port: number;
  username: string;
  tags: string;
  zone: string | null;
  collector: string | null;
  status: HostStatus;
  last_error: string | null;
  last_poll_at: number | null;
  summary_ts: number | null;
  summary: string | null;
}

/** The hosts of the view's page, in its order, each with its latest summary (null before its first sample). */
export async function readFleetPage(
  db: Db,
  view: FleetQuery,
  staleBefore: number,
  now: number,
): Promise<{ host: FleetHostFields; summary: StoredSummary | null }[]> {
  const filter = filterOf(db, view);
  const dir = view.dir === "asc" ? "ASC" : "DESC";
  const order = [...SORT_SQL[view.sort].map((e) => `${e} ${dir}`), "LOWER(h.name) ASC", "h.id ASC"].join(", ");
  const rows = await db.all<FleetRow>(
    `
    SELECT h.id, h.name, h.transport, h.address, h.port, h.username, h.tags, h.zone, h.status, h.last_error, h.last_poll_at,
           s.ts AS summary_ts, s.summary, c.name AS collector
    ${FROM} ${LEASE_HOLDER} WHERE ${filter.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset
  `,
    { ...filter.params, staleBefore, now, limit: view.pageSize, offset: (view.page - 1) * view.pageSize },
  );
  return rows.map((r) => ({
    host: {
      id: r.id,
      name: r.name,
      transport: r.transport,
      address: r.address,
      port: r.port,
      username: r.username,
      tags: JSON.parse(r.tags) as string[],
      zone: r.zone,
      collector: r.collector,
      status: r.status,
      lastError: r.last_error,
      lastPollAt: r.last_poll_at,
    },
    summary: r.summary !== null && r.summary_ts !== null ? { at: r.summary_ts, ...(JSON.parse(r.summary) as SampleSummary) } : null,
  }));
}

/** Every tag of the fleet, sorted. */
export async function readFleetTags(db: Db): Promise<string[]> {
  const lists = await db.all<{ tags: string }>("SELECT DISTINCT tags FROM hosts");
  return [...new Set(lists.flatMap((l) => JSON.parse(l.tags) as string[]))].sort();
}

/** A rule with findings on the fleet's latest samples: on how many hosts, how severe at worst, and its title on one of them. */
export interface FindingGroupRow {
  ruleId: string;
  hostCount: number;
  severity: Severity;
  title: StoredText;
}

/** Each rule with a finding on some host's latest sample, but "healthy". */
export async function readFindingGroups(db: Db): Promise<FindingGroupRow[]> {
  const rows = await db.all<{ rule_id: string; host_count: number; weight: number; title: string }>(
    `
    SELECT rule_id, COUNT(*) AS host_count, MAX(${weightOf("severity")}) AS weight, MIN(title) AS title
    FROM latest_findings WHERE rule_id <> ? GROUP BY rule_id
  `,
    [HEALTHY_RULE_ID],
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    hostCount: Number(r.host_count),
    severity: SEVERITIES.find((s) => severityWeight(s) === Number(r.weight)) ?? "info",
    title: storedTextOf(r.title),
  }));
}

/** A host with a rule's finding, with the time and source of the sample it comes from. */
export interface FindingHostRow {
  id: number;
  name: string;
  severity: Severity;
  transport: HostTransport;
  at: number;
}

/**
 * For each rule with findings but "healthy", its first `limit` hosts: most severe first, then by name. One
 * statement for every rule, so the fleet page's "Across the fleet" costs one round trip however many rules fire.
 */
export async function readFindingHosts(db: Db, limit: number): Promise<Map<string, FindingHostRow[]>> {
  const order = `${weightOf("f.severity")} DESC, LOWER(h.name), h.id`;
  const sql = `
    SELECT rule_id, id, name, severity, transport, at FROM (
      SELECT f.rule_id, h.id, h.name, f.severity, h.transport, s.ts AS at, ROW_NUMBER() OVER (PARTITION BY f.rule_id ORDER BY ${order}) AS rank
      FROM latest_findings f JOIN hosts h ON h.id = f.host_id JOIN latest_summaries s ON s.host_id = f.host_id
      WHERE f.rule_id <> ?
    ) AS ranked WHERE rank <= ? ORDER BY rule_id, rank
  `;
  const rows = await db.all<FindingHostRow & { rule_id: string }>(sql, [HEALTHY_RULE_ID, limit]);
  const byRule = new Map<string, FindingHostRow[]>();
  for (const { rule_id, ...host } of rows) {
    const hosts = byRule.get(rule_id);
    if (hosts) hosts.push(host);
    else byRule.set(rule_id, [host]);
  }
  return byRule;
}
