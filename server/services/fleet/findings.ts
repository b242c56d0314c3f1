import "server-only";
import type { AnalysisReport } from "@/lib/advice/report";
import { RULES } from "@/lib/advice/rules";
import type { FleetFindingDto } from "@/lib/dto";
import { listHosts } from "../../db/hosts";
import type { Db } from "../../db/open-database";
import { getRuntime } from "../../context";
import { fleetSummaries, hostSummary } from "./summaries";

/** The advisor's report on a host's latest sample (with the rates since the one before), or null before any sample. */
export function analyzeHost(db: Db, hostId: number): AnalysisReport | null {
  return hostSummary(db, hostId)?.analysis ?? null;
}

/** Which findings affect how many hosts (titled as in the rule catalogue), most severe and most widespread first; "healthy" is left out. */
export function fleetFindings(): FleetFindingDto[] {
  const { db } = getRuntime();
  const byRule = new Map<string, FleetFindingDto>();
  const summaries = fleetSummaries(db);
  for (const host of listHosts(db)) {
    for (const f of summaries.get(host.id)?.findings ?? []) {
      if (f.ruleId === "healthy") continue;
      const title = RULES.find((r) => r.id === f.ruleId)?.title ?? f.title;
      const entry = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, title, severity: f.severity, hosts: [] };
      if (f.severity === "critical" || (f.severity === "warning" && entry.severity === "info")) entry.severity = f.severity;
      entry.hosts.push({ id: host.id, name: host.name, severity: f.severity });
      byRule.set(f.ruleId, entry);
    }
  }
  const rank = { critical: 0, warning: 1, info: 2 };
  return [...byRule.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.hosts.length - a.hosts.length);
}
