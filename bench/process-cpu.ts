import fs from "node:fs";
import { machineCpuMs } from "./cpu-time";

/** /proc counts CPU in USER_HZ ticks, 100 per second on Linux. */
const TICK_MS = 10;

interface ProcessCpu {
  ppid: number;
  /** User + system milliseconds since the process started. */
  ms: number;
  /** The inode of its network namespace. */
  netns: number;
}

/** Every process's CPU so far, its parent and its network namespace, read from /proc. */
function readProcesses(): Map<number, ProcessCpu> {
  const all = new Map<number, ProcessCpu>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields that follow start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const netns = Number(/\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${entry}/ns/net`))?.[1] ?? 0);
      all.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS, netns });
    } catch {
      /* exited meanwhile */
    }
  }
  return all;
}

/** The inode of a named network namespace (`ip netns add NAME`), as processes inside it link to. */
export function netnsInode(name: string): number {
  return fs.statSync(`/run/netns/${name}`).ino;
}

export interface CpuGroups {
  /** Where a process belongs, by its pid, parent and network namespace; null: counted only in the machine's total. */
  classify: (pid: number, p: { ppid: number; netns: number }) => string | null;
}

export interface CpuShares {
  /** Milliseconds of CPU each group used over the span, and the whole machine (every process, kernel work included). */
  groupsMs: Record<string, number>;
  machineMs: number;
  spanMs: number;
}

/**
 * CPU over a span, split into groups of processes: the difference of each process's counters between the
 * start and the end (a process started meanwhile counts from zero; one that exited meanwhile is missed), and
 * the whole machine's from /proc/stat, which also holds whatever else runs on the machine.
 */
export function startCpuSpan(groups: CpuGroups): () => CpuShares {
  const before = readProcesses();
  const machineBefore = machineCpuMs();
  const started = performance.now();
  return () => {
    const after = readProcesses();
    const groupsMs: Record<string, number> = {};
    for (const [pid, p] of after) {
      const group = groups.classify(pid, p);
      if (group === null) continue;
      groupsMs[group] = (groupsMs[group] ?? 0) + p.ms - (before.get(pid)?.ms ?? 0);
    }
    return { groupsMs, machineMs: machineCpuMs() - machineBefore, spanMs: performance.now() - started };
  };
}
