import "server-only";
import type { AnalysisReport } from "@/lib/advice/report";
import type { HostCurrentDto, HostDto, LatestSampleDto } from "@/lib/dto";
import type { SampleRates } from "@/lib/types";
import type { HostRecord } from "../db/hosts";
import { timeWaitNow, type StoredLatest } from "../db/samples";

export function toHostDto(host: HostRecord, latest: StoredLatest | null, analysis: AnalysisReport | null = null, rates: SampleRates | null = null): HostDto {
  const worst = analysis?.findings[0];
  return {
    id: host.id, name: host.name, transport: host.transport, address: host.address, port: host.port,
    username: host.username, authMethod: host.authMethod, keyPath: host.keyPath, passphraseEnv: host.passphraseEnv,
    storedSecret: host.storedSecret, tags: host.tags, hostKeyFingerprint: host.hostKeyFingerprint, seenFingerprint: host.seenFingerprint,
    status: host.status, lastError: host.lastError, lastPollAt: host.lastPollAt, lastOkAt: host.lastOkAt,
    current: latest ? toCurrentDto(latest, rates) : null,
    worst: worst ? { severity: worst.severity, ruleId: worst.ruleId, title: worst.title } : null,
  };
}

function toCurrentDto({ at, sample }: StoredLatest, rates: SampleRates | null): HostCurrentDto {
  const opens = rates?.activeOpensPerSec ?? null;
  const accepts = rates?.passiveOpensPerSec ?? null;
  return {
    at, kernel: sample.kernel, timeWait: timeWaitNow(sample),
    established: sample.states.ESTAB ?? sample.counters["Tcp.CurrEstab"] ?? null,
    twServer: sample.timeWait.server, twClient: sample.timeWait.client,
    newConnectionsPerSec: opens === null && accepts === null ? null : (opens ?? 0) + (accepts ?? 0),
  };
}

export function toLatestDto({ at, sample, bytes, durationMs }: StoredLatest): LatestSampleDto {
  return {
    at, bytes, durationMs, kernel: sample.kernel, sysctls: sample.sysctls, missingSysctls: sample.missingSysctls,
    configuredSysctls: sample.configuredSysctls ?? [],
    timeWait: sample.timeWait, states: sample.states as Record<string, number>, listeningPorts: sample.listeningPorts,
    problems: sample.problems,
  };
}
