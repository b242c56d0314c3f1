import "server-only";
import type { AnalysisReport } from "@/lib/advice/report";
import type { FleetHostDto, HostDto, LatestSampleDto } from "@/lib/dto";
import { countsOf, type FindingHeadline } from "@/lib/sample/summary";
import type { SampleRates } from "@/lib/types";
import type { HostRecord } from "../db/hosts";
import type { StoredLatest } from "../db/samples";
import type { StoredSummary } from "../db/summaries";

export function toHostDto(
  host: HostRecord,
  latest: StoredLatest | null,
  analysis: AnalysisReport | null = null,
  rates: SampleRates | null = null,
): HostDto {
  return {
    id: host.id,
    name: host.name,
    transport: host.transport,
    address: host.address,
    port: host.port,
    username: host.username,
    authMethod: host.authMethod,
    keyPath: host.keyPath,
    passphraseEnv: host.passphraseEnv,
    storedSecret: host.storedSecret,
    tags: host.tags,
    hostKeyFingerprint: host.hostKeyFingerprint,
    seenFingerprint: host.seenFingerprint,
    status: host.status,
    lastError: host.lastError,
    lastPollAt: host.lastPollAt,
    lastOkAt: host.lastOkAt,
    current: latest ? { at: latest.at, ...countsOf(latest.sample, rates) } : null,
    worst: worstOf(analysis?.findings),
  };
}

/** A fleet list row from the host and the stored summary of its latest sample. */
export function toFleetHostDto(host: HostRecord, summary: StoredSummary | null, sparkline: (number | null)[]): FleetHostDto {
  return {
    id: host.id,
    name: host.name,
    transport: host.transport,
    address: host.address,
    port: host.port,
    username: host.username,
    tags: host.tags,
    status: host.status,
    lastError: host.lastError,
    lastPollAt: host.lastPollAt,
    current: summary ? { at: summary.at, ...summary.counts } : null,
    worst: worstOf(summary?.findings),
    sparkline,
  };
}

function worstOf(findings: FindingHeadline[] | undefined): HostDto["worst"] {
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
    states: sample.states as Record<string, number>,
    listeningPorts: sample.listeningPorts,
    problems: sample.problems,
  };
}
