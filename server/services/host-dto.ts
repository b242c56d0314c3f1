import "server-only";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import type { StoredAnalysis } from "@/lib/advice/report";
import type { FleetHostDto, HostDto, LatestSampleDto } from "@/lib/dto";
import { countsOf, type FindingHeadline } from "@/lib/sample/summary";
import type { SampleRates } from "@/lib/types";
import type { FleetHostFields } from "../db/fleet-rows";
import type { HostRecord } from "../db/hosts";
import type { StoredLatest } from "../db/samples";
import type { StoredSummary } from "../db/summaries";

/** Who polls a host now (see `HostDto.collector`): nobody by default, as for a host just added. */
export interface Polling {
  collector: string | null;
  noCollector: boolean;
}

const NOT_POLLED: Polling = { collector: null, noCollector: false };

export function toHostDto(
  host: HostRecord,
  latest: StoredLatest | null,
  analysis: Pick<StoredAnalysis, "findings"> | null = null,
  rates: SampleRates | null = null,
  polling: Polling = NOT_POLLED,
): HostDto {
  return {
    ...rowOf(host),
    ...polling,
    ...sshSettingsOf(host),
    storedSecret: host.storedSecret,
    jumpHostId: host.jumpHostId,
    jumpChain: chainOf(host.jump),
    hostKeyFingerprint: host.hostKeyFingerprint,
    seenFingerprint: host.seenFingerprint,
    lastOkAt: host.lastOkAt,
    current: latest ? { at: latest.at, ...countsOf(latest.sample, rates) } : null,
    worst: worstOf(analysis?.findings),
  };
}

/** The jump hosts, from the one twscope connects to first to the one the host is behind. */
function chainOf(jump: HostRecord["jump"]): HostDto["jumpChain"] {
  const chain: HostDto["jumpChain"] = [];
  for (let j = jump; j; j = j.jump) chain.unshift({ id: j.id, name: j.name });
  return chain;
}

/** A fleet list row from the host and the stored summary of its latest sample. */
export function toFleetHostDto(
  host: Omit<FleetHostFields, "collector">,
  summary: StoredSummary | null,
  sparkline: (number | null)[],
  polling: Polling = NOT_POLLED,
): FleetHostDto {
  return {
    ...rowOf(host),
    ...polling,
    current: summary ? { at: summary.at, ...summary.counts } : null,
    worst: worstOf(summary?.findings),
    sparkline,
  };
}

/** What the fleet list and the host page both show of a host. */
function rowOf(host: Omit<FleetHostFields, "collector">) {
  const { id, name, transport, address, port, username, tags, zone, status, lastError, lastPollAt } = host;
  return { id, name, transport, address, port, username, tags, zone, status, lastError, lastPollAt };
}

function worstOf(findings: readonly FindingHeadline[] | undefined): HostDto["worst"] {
  const worst = findings?.[0];
  return worst ? { severity: worst.severity, ruleId: worst.ruleId, title: worst.title } : null;
}

export function toLatestDto({ at, sample, bytes, durationMs }: StoredLatest): LatestSampleDto {
  return {
    at,
    bytes,
    durationMs,
    kernel: sample.kernel,
    sysctls: sample.sysctls,
    missingSysctls: sample.missingSysctls,
    configuredSysctls: sample.configuredSysctls ?? [],
    timeWait: sample.timeWait,
    owners: sample.owners ?? null,
    namespaces: sample.namespaces ?? null,
    conntrack: sample.conntrack ?? null,
    states: sample.states as Record<string, number>,
    listeningPorts: sample.listeningPorts,
    problems: sample.problems,
  };
}
