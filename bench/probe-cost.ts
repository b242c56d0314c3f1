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
import { median, timed } from "./stats";

const execFileP = promisify(execFile);
const GENERATOR = path.join(path.dirname(fileURLToPath(import.meta.url)), "time-wait-generator.mjs");
const CLIENTS = 2;
const PORTS_PER_CLIENT = 12;

export interface ProbeCost {
  host: string;
  generated: number;
  generateSeconds: number;
  /** TIME_WAIT in the host's namespace (sockstat) before and after the timed runs. */
  timeWaitBefore: number;
  timeWaitAfter: number;
  probeMs: number[];
  ssMs: number[];
  probeMedianMs: number;
  ssMedianMs: number;
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

const outputBytes = async (ns: string, script: string) =>
  Buffer.byteLength((await execFileP("ip", ["netns", "exec", ns, "sh", "-c", script], { maxBuffer: 256 * 1024 * 1024 })).stdout);

/** Probe against `ss` on a host holding many TIME_WAIT sockets, each run timed from outside, interleaved. */
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
    const probeMs: number[] = [];
    const ssMs: number[] = [];
    let probeOutputBytes = 0;
    for (let i = 0; i < runs; i++) {
      ssMs.push((await timed(() => execFileP("ip", ["netns", "exec", lab.netns, "sh", "-c", "ss -tan state time-wait > /dev/null"]))).ms);
      const probe = await timed(() => execFileP("ip", ["netns", "exec", lab.netns, "sh", LAB_PROBE], { maxBuffer: 16 * 1024 * 1024 }));
      probeMs.push(probe.ms);
      probeOutputBytes = Buffer.byteLength(probe.result.stdout);
    }
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
      probeMs,
      ssMs,
      probeMedianMs: median(probeMs),
      ssMedianMs: median(ssMs),
      sshPollMs,
      sshPollMedianMs: median(sshPollMs),
      probeOutputBytes,
      pollWireBytes,
      singleRunWireBytes,
      rawTimeWaitListBytes: await outputBytes(lab.netns, "ss -tan state time-wait"),
      rawSocketListBytes: await outputBytes(lab.netns, "ss -tan"),
    };
  } finally {
    for (const child of started) child.kill("SIGKILL");
  }
}
