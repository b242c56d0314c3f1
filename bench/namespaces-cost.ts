import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { probeScript } from "@/server/transport/probe-script";
import { cpuMsOfTimes } from "./cpu-time";
import { median, timed } from "./stats";

const execFileP = promisify(execFile);

/** One probe run as root, timed from outside, with the CPU of everything it started. */
interface Runs {
  wallMs: number[];
  cpuMs: number[];
  wallMedianMs: number;
  cpuMedianMs: number;
  bundleBytes: number;
  /** CPU of a serving probe's later polls (its awk and all it waited for), median over the polls: what a host pays every poll interval. */
  servingPollCpuMs: number;
}

export interface NamespacesCost {
  namespaces: number;
  /** TIME_WAIT in each namespace while measured (the lowest of them). */
  timeWaitPerNamespace: number;
  /** The host alone (its own network namespace), then with `namespaces` more. */
  one: Runs;
  many: Runs;
  /** What the probe reported with them: namespaces found, and shown. */
  found: number;
  shown: number;
}

// Each namespace: a loopback server that closes first, 300 connections to it, then idle (the
// listener and its TIME_WAIT stay) until the bench kills the PID namespace.
const NAMESPACE_TRAFFIC = `const net = require("node:net");
const s = net.createServer((c) => c.end()).listen(80, "127.0.0.1", async () => {
  for (let i = 0; i < 300; i++) await new Promise((r) => { const c = net.connect(80, "127.0.0.1"); c.on("data", () => {}); c.on("end", () => c.end()); c.on("close", r); c.on("error", r); });
  setTimeout(() => process.exit(0), 600000);
});`;

/**
 * The probe's cost on a host with `count` other network namespaces against one with none: a PID
 * and mount namespace of its own stands for the host (its /proc shows only what it starts), the
 * probe runs as root inside it, once per run (no serving probe's caching: the worst case).
 */
export async function measureNamespacesCost(work: string, count: number, runs: number): Promise<NamespacesCost> {
  const dir = path.join(work, "namespaces");
  fs.mkdirSync(dir, { recursive: true });
  const probe = path.join(dir, "twscope-probe");
  fs.writeFileSync(probe, probeScript(), { mode: 0o755 });
  const traffic = path.join(dir, "traffic.js");
  fs.writeFileSync(traffic, NAMESPACE_TRAFFIC);
  const unshare = spawn("unshare", ["--pid", "--fork", "--mount-proc", "sleep", "900"], { detached: true, stdio: "ignore" });
  try {
    const init = await childOf(unshare.pid!);
    const inHost = (script: string) => execFileP("nsenter", ["-t", String(init), "-p", "-m", "sh", "-c", script], { maxBuffer: 16 << 20 });
    const measure = async (): Promise<Runs> => {
      const wallMs: number[] = [];
      const cpuMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await timed(() => inHost(`sh ${probe} > /dev/null; times`));
        wallMs.push(run.ms);
        cpuMs.push(cpuMsOfTimes(run.result.stdout));
      }
      const bundleBytes = Buffer.byteLength((await inHost(`sh ${probe}`)).stdout);
      const servingPollCpuMs = await servingCpuMs(init, probe, runs);
      return { wallMs, cpuMs, wallMedianMs: median(wallMs), cpuMedianMs: median(cpuMs), bundleBytes, servingPollCpuMs };
    };
    const one = await measure();
    await inHost(
      `i=0; while [ $i -lt ${count} ]; do unshare --net sh -c 'ip link set lo up && exec ${process.execPath} ${traffic}' </dev/null >/dev/null 2>&1 & i=$((i+1)); done`,
    );
    const counts = await settled(async () => (await inHost(`sh ${probe}`)).stdout, count);
    const many = await measure();
    const bundle = (await inHost(`sh ${probe}`)).stdout;
    const summary = /\nnamespaces (\d+) shown (\d+) /.exec(bundle);
    return {
      namespaces: count,
      timeWaitPerNamespace: counts,
      one,
      many,
      found: Number(summary?.[1] ?? NaN),
      shown: Number(summary?.[2] ?? NaN),
    };
  } finally {
    // Killing the PID namespace's first process ends every process in it.
    try {
      process.kill(-unshare.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/** USER_HZ: /proc/PID/stat counts CPU in ticks of 10 ms. */
const TICK_MS = 10;

/** utime + stime + cutime + cstime of a process, in ms. */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * TICK_MS;
}

/**
 * A serving probe in the host, polled `polls + 1` times: the CPU of each poll after the first (which
 * reads the namespaces' sysctls; later ones reuse them for a minute, as a real session's do).
 */
async function servingCpuMs(init: number, probe: string, polls: number): Promise<number> {
  const child = spawn("nsenter", ["-t", String(init), "-p", "-m", "sh", probe, "--serve"], { stdio: ["pipe", "pipe", "ignore"] });
  let out = "";
  let wake = () => {};
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    wake();
  });
  const bundles = async (n: number) => {
    while ((out.match(/^@@end$/gm) ?? []).length < n) await new Promise<void>((r) => (wake = r));
  };
  try {
    const awk = await childOf(child.pid!);
    const costs: number[] = [];
    child.stdin.write("@@twscope-poll\n");
    await bundles(1);
    for (let i = 2; i <= polls + 1; i++) {
      const before = processCpuMs(awk);
      child.stdin.write("@@twscope-poll\n");
      await bundles(i);
      costs.push(processCpuMs(awk) - before);
    }
    return median(costs);
  } finally {
    child.kill("SIGKILL");
  }
}

/** Polls the probe until every namespace holds its 300 TIME_WAIT (at most a minute); returns the lowest count. */
async function settled(bundleOf: () => Promise<string>, count: number): Promise<number> {
  let lowest = 0;
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    const tws = [...(await bundleOf()).matchAll(/^ns \d+ pid \d+ processes \d+ tw (\d+)$/gm)].map((m) => Number(m[1]));
    lowest = tws.length >= count ? Math.min(...tws) : 0;
    if (lowest >= 290) return lowest;
  }
  throw new Error(`the ${count} namespaces did not reach 290 TIME_WAIT each within a minute (lowest ${lowest})`);
}

async function childOf(pid: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const child = Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0]);
    if (child) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("unshare started no process");
}
