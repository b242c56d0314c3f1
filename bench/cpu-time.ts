import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { LAB_PROBE } from "@/lab/probe";
import { onHost } from "./on-host";
import { median } from "./stats";

const execFileP = promisify(execFile);

/** /proc/stat counts in USER_HZ ticks, 100 per second on Linux. */
const TICK_MS = 10;

/**
 * CPU milliseconds every process on this machine has used since boot (user, nice, system, irq,
 * softirq, steal from /proc/stat): the difference over a round is the round's whole cost here,
 * lab hosts included.
 */
export function machineCpuMs(): number {
  const ticks = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return [user, nice, system, irq, softirq, steal].reduce<number>((sum, t) => sum + (t ?? 0), 0) * TICK_MS;
}

/** "0m0.104s" → 104 */
const msOf = (t: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};

/** The children's user + system milliseconds from the output of the shell's `times` (its last line). */
export function cpuMsOfTimes(output: string): number {
  const [user, system] = output.trim().split("\n").at(-1)!.trim().split(/\s+/);
  return msOf(user ?? "") + msOf(system ?? "");
}

/** CPU (user + system) one probe run costs inside an idle namespace, from the shell's `times`; median of `runs`. */
export async function probeCpuMs(netns: string, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await execFileP("ip", onHost(netns, `sh ${LAB_PROBE} > /dev/null; times`));
    samples.push(cpuMsOfTimes(stdout));
  }
  return median(samples);
}
