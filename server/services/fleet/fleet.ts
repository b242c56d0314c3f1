import "server-only";
import { RULES } from "@/lib/advice/rules";
import { mostSevereFirst } from "@/lib/advice/types";
import type { FleetDto, FleetFindingDto, FleetHostDto, HostNamesDto } from "@/lib/dto";
import { pageInfoOf, type FleetQuery } from "@/lib/fleet-query";
import { STALE_AFTER_INTERVALS } from "@/lib/host/freshness";
import { collectorCoverage, lacksCollector, leaseHolders } from "../../db/collectors";
import { readFindingGroups, readFindingHosts, readFleetCounts, readFleetPage, readFleetTags } from "../../db/fleet-rows";
import { listHostNames, listHosts, type HostRecord } from "../../db/hosts";
import type { AppContext } from "../../context";
import type { Db } from "../../db/db";
import { toFleetHostDto } from "../host-dto";
import { collectorsOverview } from "./collectors";
import { sparklinesOf } from "./sparklines";
import { fleetSummaries, refreshSummaries } from "./summaries";

/** How many hosts "Across the fleet" names per finding on the fleet page (the rest are counted). */
export const FINDING_HOSTS_SHOWN = 6;

/**
 * `GET /api/hosts` and the fleet page's first render: the view's page of rows (status, counts, worst
 * finding, last hour's sparkline), where it sits among the matched hosts, and the whole fleet's totals,
 * tags and findings. Filtering, sorting, counting and paging run in SQL over the stored summaries;
 * "stale" is judged at `now`. Only the page's hosts get sparklines.
 */
export async function fleetPage(ctx: AppContext, query: FleetQuery, now = Date.now()): Promise<FleetDto> {
  const { db, config } = ctx;
  await refreshSummaries(db);
  const staleBefore = now - STALE_AFTER_INTERVALS * config.pollIntervalMs;
  // One view of the database: the counts, the page and the findings are of the same moment.
  const { counts, rows, coverage, collectors, tags, findings } = await db.snapshot(async (t) => {
    const coverage = await collectorCoverage(t, now - config.collector.leaseMs);
    return {
      counts: await readFleetCounts(t, query, staleBefore),
      rows: await readFleetPage(t, query, staleBefore, now),
      coverage,
      collectors: await collectorsOverview(t, coverage, now, config.collector.leaseMs),
      tags: await readFleetTags(t),
      findings: await findingsOf(t, FINDING_HOSTS_SHOWN),
    };
  });
  const lines = await sparklinesOf(
    db,
    rows.filter((r) => r.summary).map((r) => r.host.id),
    now,
  );
  return {
    hosts: rows.map((r) =>
      toFleetHostDto(r.host, r.summary, lines.get(r.host.id) ?? [], {
        collector: r.host.collector,
        noCollector: lacksCollector(r.host, coverage),
      }),
    ),
    ...pageInfoOf(query, counts.matched, counts.totals.hosts),
    query,
    totals: counts.totals,
    findings,
    tags,
    asOf: now,
    pollIntervalMs: config.pollIntervalMs,
    ...collectors,
  };
}

/** Every host's fleet row beside its record, for a fleet snapshot (which freezes the whole table and scrubs errors with the record's connection settings). */
export async function fleetEntries({ db, config }: AppContext, now = Date.now()): Promise<{ record: HostRecord; row: FleetHostDto }[]> {
  const summaries = await fleetSummaries(db);
  const lines = await sparklinesOf(db, [...summaries.keys()], now);
  const holders = await leaseHolders(db, now);
  const coverage = await collectorCoverage(db, now - config.collector.leaseMs);
  return (await listHosts(db)).map((record) => ({
    record,
    row: toFleetHostDto(record, summaries.get(record.id) ?? null, lines.get(record.id) ?? [], {
      collector: holders.get(record.id) ?? null,
      noCollector: lacksCollector(record, coverage),
    }),
  }));
}

/**
 * Which findings affect how many hosts (titled as in the rule catalogue), most severe and most
 * widespread first; "healthy" is left out. Each names its first `perRule` hosts (most severe, then by
 * name) with the time and source of their sample; without `perRule`, every host.
 */
export async function fleetFindings(ctx: AppContext, perRule?: number): Promise<FleetFindingDto[]> {
  await refreshSummaries(ctx.db);
  return findingsOf(ctx.db, perRule);
}

async function findingsOf(db: Db, perRule = Number.MAX_SAFE_INTEGER): Promise<FleetFindingDto[]> {
  const groups = await readFindingGroups(db);
  const hosts = await readFindingHosts(db, perRule);
  const findings: FleetFindingDto[] = groups.map((g) => ({
    ruleId: g.ruleId,
    title: RULES.find((rule) => rule.id === g.ruleId)?.title ?? g.title,
    severity: g.severity,
    hosts: hosts.get(g.ruleId) ?? [],
    hostCount: g.hostCount,
  }));
  return findings.sort((a, b) => mostSevereFirst(a, b) || b.hostCount! - a.hostCount! || (a.ruleId < b.ruleId ? -1 : 1));
}

/** `GET /api/hosts/names`: every host's id, name and tags, for pickers that offer the whole fleet. */
export async function hostNames({ db }: AppContext): Promise<HostNamesDto> {
  return { hosts: await listHostNames(db) };
}
