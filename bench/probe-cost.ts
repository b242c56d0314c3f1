import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { netnsExec } from "@/lab/network";
import { LAB_PROBE } from "@/lab/probe";
import type { LabHost } from "@/lab/state";
import { pollHost } from "@/server/poll/poll-host";
import type { HostRecord } from "@/server/db/hosts";
import { sshTargetOf, type AppContext } from "@/server/context";
import { probeScript } from "@/server/transport/probe-script";
import { sshTransport } from "@/server/transport/ssh-transport";
import { cpuMsOfTimes } from "./cpu-time";
import { onHost } from "./on-host";
import { median, timed } from "./stats";

const execFileP = promisify(execFile);
const GENERATOR = path.join(path.dirname(fileURLToPath(import.meta.url)), "time-wait-generator.mjs");
const CLIENTS = 2;
const PORTS_PER_CLIENT = 12;

/** One command run on the busy host again and again: wall time from outside, CPU of the command and everything it waited for. */
interface RunTimes {
  wallMs: number[];
  cpuMs: number[];
  wallMedianMs: number;
  cpuMedianMs: number;
}

export interface ProbeCost {
  host: string;
  generated: number;
  generateSeconds: number;
  /** TIME_WAIT in the host's namespace (sockstat) before and after the timed runs. */
  timeWaitBefore: number;
  timeWaitAfter: number;
  /** `ss -tan state time-wait > /dev/null`, what the probe is compared with. */
  ss: RunTimes;
  /** The probe as the lab installs it: sockets from /proc/net/tcp and tcp6, its default. */
  probe: RunTimes;
  /** The same probe reading sockets from ss (TWSCOPE_SS=ss), as on a host where /proc/net/tcp cannot be read. */
  probeViaSs: RunTimes;
  /** Whether both probe runs printed the same socket sections (@@states to @@tw-totals). */
  sourcesAgree: boolean;
  /** The groups the TIME_WAIT sockets fell into: listening ports, and peers (client side). */
  serverPorts: number;
  clientPeers: number;
  /** One SSH poll of the busy host over a warm pooled connection, parse and storage included. */
  sshPollMs: number[];
  sshPollMedianMs: number;
  probeOutputBytes: number;
  /** Both directions on the host's link during one warm poll: SSH framing, the script sent, the bundle back. */
  pollWireBytes: number;
  /** The same for one poll with probe sessions off: the probe script goes out on stdin each time. */
  singleRunWireBytes: number;
  rawTimeWaitListBytes: number;
  rawSocketListBytes: number;
}

const sockstatTw = async (ns: string) => Number(/tw (\d+)/.exec(await netnsExec(ns, "cat", ["/proc/net/sockstat"]))?.[1] ?? NaN);

const linkBytes = (veth: string) =>
  ["rx_bytes", "tx_bytes"].reduce((sum, f) => sum + Number(fs.readFileSync(`/sys/class/net/${veth}/statistics/${f}`, "utf8")), 0);

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the TIME_WAIT generator exited with ${code} before reporting`)));
  });
}

/**
 * Fills the host's namespace with about `connections` TIME_WAIT sockets: one loopback server that
 * closes first, and client processes on separate port sets (so 4-tuples do not run out).
 */
async function fillTimeWait(ns: string, connections: number, started: Set<ChildProcess>): Promise<number> {
  await netnsExec(ns, "sysctl", ["-q", "-w", "net.ipv4.ip_local_port_range=1024 65535", `net.ipv4.tcp_max_tw_buckets=${connections * 2}`]);
  const run = (args: string[]) => {
    const child = spawn("ip", ["netns", "exec", ns, process.execPath, GENERATOR, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    started.add(child);
    child.once("exit", () => started.delete(child));
    return child;
  };
  const last = 20000 + CLIENTS * PORTS_PER_CLIENT - 1;
  const server = run(["--serve", "--ports", `20000-${last}`, "--seconds", "120"]);
  await firstLine(server);
  const reports = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      const from = 20000 + i * PORTS_PER_CLIENT;
      return firstLine(
        run(["--connect", "--ports", `${from}-${from + PORTS_PER_CLIENT - 1}`, "--count", String(Math.ceil(connections / CLIENTS))]),
      );
    }),
  );
  server.kill("SIGKILL");
  return reports.reduce((sum, r) => sum + (JSON.parse(r) as { connections: number }).connections, 0);
}

const outputOf = async (ns: string, script: string) => (await execFileP("ip", onHost(ns, script), { maxBuffer: 256 * 1024 * 1024 })).stdout;
const outputBytes = async (ns: string, script: string) => Buffer.byteLength(await outputOf(ns, script));
/** @@states to @@tw-totals: the sections both socket sources write. */
const socketSections = (bundle: string) => bundle.slice(bundle.indexOf("\n@@states\n"), bundle.indexOf("\n@@owners\n"));

/** The commands timed on the busy host, interleaved round by round. */
const TIMED = {
  ss: "ss -tan state time-wait > /dev/null",
  probe: `sh ${LAB_PROBE} > /dev/null`,
  probeViaSs: `TWSCOPE_SS=ss sh ${LAB_PROBE} > /dev/null`,
} as const;

type Timed = keyof typeof TIMED;

async function timeRuns(ns: string, runs: number): Promise<Record<Timed, RunTimes>> {
  const names = Object.keys(TIMED) as Timed[];
  const wall = names.map(() => [] as number[]);
  const cpu = names.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, name] of names.entries()) {
      // `times` prints the CPU of the shell's children, and of every process they waited for.
      const run = await timed(() => execFileP("ip", onHost(ns, `${TIMED[name]}; times`)));
      wall[k]!.push(run.ms);
      cpu[k]!.push(cpuMsOfTimes(run.result.stdout));
    }
  }
  const summary = (k: number): RunTimes => ({
    wallMs: wall[k]!,
    cpuMs: cpu[k]!,
    wallMedianMs: median(wall[k]!),
    cpuMedianMs: median(cpu[k]!),
  });
  return Object.fromEntries(names.map((name, k) => [name, summary(k)])) as Record<Timed, RunTimes>;
}

/** Probe against `ss` on a host holding many TIME_WAIT sockets: both socket sources, each run timed from outside, interleaved. */
export async function measureProbeCost(
  rt: AppContext,
  lab: LabHost,
  host: HostRecord,
  connections: number,
  runs: number,
): Promise<ProbeCost> {
  const started = new Set<ChildProcess>();
  try {
    const { ms: generateMs, result: generated } = await timed(() => fillTimeWait(lab.netns, connections, started));
    const timeWaitBefore = await sockstatTw(lab.netns);
    const times = await timeRuns(lab.netns, runs);
    const fromProc = await outputOf(lab.netns, `sh ${LAB_PROBE}`);
    const fromSs = await outputOf(lab.netns, `TWSCOPE_SS=ss sh ${LAB_PROBE}`);
    const transport = sshTransport(rt.pool, host.id, sshTargetOf(host, rt));
    const options = { script: probeScript(), limits: { timeoutMs: rt.config.probeTimeoutMs, maxBytes: rt.config.probeMaxBytes } };
    await pollHost(rt.db, host, transport, options); // opens the connection
    const before = linkBytes(lab.veth);
    const sshPollMs = [(await timed(() => pollHost(rt.db, host, transport, options))).ms];
    const pollWireBytes = linkBytes(lab.veth) - before;
    for (let i = 1; i < runs; i++) sshPollMs.push((await timed(() => pollHost(rt.db, host, transport, options))).ms);
    const single = sshTransport(rt.pool, host.id, sshTargetOf(host, rt), { sessions: false });
    const beforeSingle = linkBytes(lab.veth);
    await pollHost(rt.db, host, single, options);
    const singleRunWireBytes = linkBytes(lab.veth) - beforeSingle;
    const timeWaitAfter = await sockstatTw(lab.netns);
    return {
      host: lab.name,
      generated,
      generateSeconds: generateMs / 1000,
      timeWaitBefore,
      timeWaitAfter,
      ...times,
      sourcesAgree: /\nsource proc\n/.test(fromProc) && /\nsource ss\n/.test(fromSs) && socketSections(fromProc) === socketSections(fromSs),
      serverPorts: Number(/\nserver-ports (\d+)\n/.exec(fromProc)?.[1] ?? NaN),
      clientPeers: Number(/\nclient-peers (\d+)\n/.exec(fromProc)?.[1] ?? NaN),
      sshPollMs,
      sshPollMedianMs: median(sshPollMs),
      probeOutputBytes: Buffer.byteLength(fromProc),
      pollWireBytes,
      singleRunWireBytes,
      rawTimeWaitListBytes: await outputBytes(lab.netns, "ss -tan state time-wait"),
      rawSocketListBytes: await outputBytes(lab.netns, "ss -tan"),
    };
  } finally {
    for (const child of started) child.kill("SIGKILL");
  }
}
