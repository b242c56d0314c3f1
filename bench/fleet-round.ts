import { pollHost } from "@/server/poll/poll-host";
import type { HostRecord } from "@/server/db/hosts";
import { sshTargetOf, type AppContext } from "@/server/context";
import { probeScript } from "@/server/transport/probe-script";
import { sshTransport } from "@/server/transport/ssh-transport";
import { machineCpuMs } from "./cpu-time";
import { median, pause, timed } from "./stats";

export interface RoundResult {
  ms: number;
  /** CPU time of this process (the collector's side: SSH, parsing, SQLite) during the round. */
  cpuMs: number;
  /** CPU time of the whole machine during the round: sshd and the probe on every lab host too. */
  machineCpuMs: number;
  ok: number;
  errors: string[];
}

/**
 * One poll of every host through the server's own parts (pool, SSH transport, collector, storage),
 * `rt.config.pollConcurrency` at a time. The Poller has no "poll everything once" entry point, so
 * this is its launch loop without the schedule. `sessions: false` runs the probe once per poll
 * (one SSH exec each), as TWSCOPE_PROBE_SESSIONS=off does.
 */
async function pollRound(rt: AppContext, hosts: HostRecord[], sessions = rt.config.probeSessions): Promise<RoundResult> {
  const queue = [...hosts];
  const errors: string[] = [];
  let ok = 0;
  const options = { script: probeScript(), limits: { timeoutMs: rt.config.probeTimeoutMs, maxBytes: rt.config.probeMaxBytes } };
  const worker = async () => {
    for (let host = queue.shift(); host; host = queue.shift()) {
      const outcome = await pollHost(rt.db, host, sshTransport(rt.pool, host.id, sshTargetOf(host, rt), { sessions }), options);
      if (outcome.status === "ok") ok++;
      else errors.push(`${host.name}: ${outcome.status} ${outcome.error ?? ""}`);
    }
  };
  const cpu = process.cpuUsage();
  const machine = machineCpuMs();
  const { ms } = await timed(() => Promise.all(Array.from({ length: rt.config.pollConcurrency }, worker)));
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, machineCpuMs: machineCpuMs() - machine, ok, errors };
}

export interface FleetRounds {
  hosts: number;
  concurrency: number;
  warm: RoundResult[];
  cold: RoundResult[];
  warmMedianMs: number;
  coldMedianMs: number;
}

/**
 * The first round opens every connection and probe session, so it counts as cold; warm rounds then
 * reuse the pool's open connections and their serving probes; the other cold rounds empty the pool
 * first.
 */
export async function measureFleetRounds(rt: AppContext, hosts: HostRecord[], rounds: number): Promise<FleetRounds> {
  const cold: RoundResult[] = [await pollRound(rt, hosts)];
  const warm: RoundResult[] = [];
  for (let i = 0; i < rounds; i++) warm.push(await pollRound(rt, hosts));
  for (let i = 1; i < rounds; i++) {
    rt.pool.closeAll();
    await pause(500); // let the old connections' sshd processes exit, outside the timing
    cold.push(await pollRound(rt, hosts));
  }
  return {
    hosts: hosts.length,
    concurrency: rt.config.pollConcurrency,
    warm,
    cold,
    warmMedianMs: median(warm.map((r) => r.ms)),
    coldMedianMs: median(cold.map((r) => r.ms)),
  };
}

/** Warm rounds with probe sessions off: every poll starts an SSH session and a probe on the host. */
export async function measureSingleRunRounds(rt: AppContext, hosts: HostRecord[], rounds: number): Promise<RoundResult[]> {
  const warm: RoundResult[] = [];
  for (let i = 0; i < rounds; i++) warm.push(await pollRound(rt, hosts, false));
  return warm;
}
