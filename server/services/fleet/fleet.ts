import "server-only";
import { RULES } from "@/lib/advice/rules";
import { mostSevereFirst, severityWeight } from "@/lib/advice/types";
import type { FleetDto, FleetFindingDto, FleetHostDto } from "@/lib/dto";
import { listHosts, type HostRecord } from "../../db/hosts";
import type { AppContext } from "../../context";
import { toFleetHostDto } from "../host-dto";
import { sparklinesOf } from "./sparklines";
import { fleetSummaries } from "./summaries";

/** Each host's fleet row beside its record (a share link scrubs errors with the record's connection settings). */
export async function fleetEntries({ db }: AppContext, now = Date.now()): Promise<{ record: HostRecord; row: FleetHostDto }[]> {
  const summaries = await fleetSummaries(db);
  const lines = await sparklinesOf(db, [...summaries.keys()], now);
  return (await listHosts(db)).map((record) => ({
    record,
    row: toFleetHostDto(record, summaries.get(record.id) ?? null, lines.get(record.id) ?? []),
  }));
}

/** `GET /api/hosts` and the fleet page's first render: every host's row (status, counts, worst finding, last hour's sparkline) and the poll interval their age is judged by. */
export async function fleetOverview(ctx: AppContext, now = Date.now()): Promise<FleetDto> {
  return { hosts: (await fleetEntries(ctx, now)).map((e) => e.row), pollIntervalMs: ctx.config.pollIntervalMs };
}

/** Which findings affect how many hosts (titled as in the rule catalogue), most severe and most widespread first; "healthy" is left out. */
export async function fleetFindings({ db }: AppContext): Promise<FleetFindingDto[]> {
  const byRule = new Map<string, FleetFindingDto>();
  const summaries = await fleetSummaries(db);
  for (const host of await listHosts(db)) {
    for (const f of summaries.get(host.id)?.findings ?? []) {
      if (f.ruleId === "healthy") continue;
      const title = RULES.find((r) => r.id === f.ruleId)?.title ?? f.title;
      const entry = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, title, severity: f.severity, hosts: [] };
      if (severityWeight(f.severity) > severityWeight(entry.severity)) entry.severity = f.severity;
      entry.hosts.push({ id: host.id, name: host.name, severity: f.severity });
      byRule.set(f.ruleId, entry);
    }
  }
  return [...byRule.values()].sort((a, b) => mostSevereFirst(a, b) || b.hosts.length - a.hosts.length);
}
