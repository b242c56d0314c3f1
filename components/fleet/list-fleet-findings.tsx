"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fleetFindingsQuery } from "@/lib/api-client";
import type { FleetFindingDto } from "@/lib/dto";
import { SeverityBadge } from "../ui/severity-badge";

/** Which findings affect how many hosts, kept live. */
export function ListFleetFindings() {
  const { data } = useQuery(fleetFindingsQuery());
  return data ? <ListFleetFindingsView findings={data.findings} /> : null;
}

/** The same list from given data; `linkHosts` off in a snapshot, which has no host pages to link to. */
export function ListFleetFindingsView({ findings, linkHosts = true }: { findings: FleetFindingDto[]; linkHosts?: boolean }) {
  if (findings.length === 0) return null;
  return (
    <section aria-label="Fleet findings" className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-2 font-medium">Across the fleet</h2>
      <ul className="space-y-1 text-sm">
        {findings.map((f) => (
          <li key={f.ruleId} className="flex flex-wrap items-center gap-2" data-rule={f.ruleId}>
            <SeverityBadge severity={f.severity} />
            <span>{f.title}</span>
            <span className="text-zinc-500">on {f.hosts.length} {f.hosts.length === 1 ? "host" : "hosts"}:</span>
            {f.hosts.slice(0, 6).map((h) => linkHosts
              ? <Link key={h.id} className="underline" href={`/hosts/${h.id}`}>{h.name}</Link>
              : <span key={h.id}>{h.name}</span>)}
            {f.hosts.length > 6 && <span className="text-zinc-500">+{f.hosts.length - 6} more</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
