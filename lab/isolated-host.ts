import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hostInitScript } from "./host-init";
import type { PodSpec } from "./k8s-node/pods";
import { spawnInNetns } from "./shell";
import { prepareHostSshd } from "./sshd";
import type { LabHost, LabPod } from "./state";

const TRAFFIC = path.join(path.dirname(fileURLToPath(import.meta.url)), "traffic", "http-traffic.mjs");

const podFile = (dir: string, host: LabHost, pod: string, ext: string) => path.join(dir, "logs", `${host.name}.${pod}.${ext}`);

/** The command line of one traffic generator (traffic/http-traffic.mjs) for `seconds`, writing its status to `status`. */
export const trafficCommand = (args: string[], seconds: number, status: string) => [
  process.execPath,
  TRAFFIC,
  ...args,
  "--duration",
  String(seconds),
  "--status",
  status,
];

/**
 * Starts a host in a PID, mount and UTS namespace of its own inside its network namespace, as a
 * real host sees only its own processes: its init (PID 1 there) starts its sshd, its traffic
 * (`traffic`: the arguments of traffic/http-traffic.mjs) and a node's pods. Records the init's and
 * the pods' traffic processes' pids (root PID namespace) on `host`; returns the sshd host key's fingerprint.
 */
export async function startIsolatedHost(
  dir: string,
  host: LabHost,
  { seconds, traffic, pods: specs }: { seconds: number; traffic: string[] | null; pods: readonly PodSpec[] },
): Promise<string> {
  const { command, fingerprint } = await prepareHostSshd(dir, host);
  const hostDir = path.join(dir, "hosts", host.name);
  const hostsFile = path.join(hostDir, "etc-hosts");
  fs.writeFileSync(hostsFile, `127.0.0.1 localhost\n::1 localhost\n${host.address} ${host.name}\n`);
  const pods = specs.map((spec) => ({
    spec,
    status: podFile(dir, host, spec.name, "json"),
    log: podFile(dir, host, spec.name, "log"),
  }));
  const script = path.join(hostDir, "init.sh");
  const own = path.join(dir, "logs", host.name);
  fs.writeFileSync(
    script,
    hostInitScript({
      hostname: host.name,
      hostsFile,
      sshd: command,
      traffic: traffic && { command: trafficCommand(traffic, seconds, `${own}.json`), log: `${own}.log` },
      pods: pods.map((p) => ({ spec: p.spec, log: p.log, command: trafficCommand(p.spec.traffic, seconds, p.status) })),
    }),
  );
  const logFd = fs.openSync(path.join(dir, "logs", `${host.name}.log`), "a");
  // `ip netns exec` execs unshare, which forks the init: the init is unshare's only child.
  const unshare = spawnInNetns(host.netns, ["unshare", "--pid", "--fork", "--mount-proc", "--uts", "sh", script], logFd);
  fs.closeSync(logFd);
  host.initPid = await waitFor(`${host.name}'s init`, () => Number(readOr(`/proc/${unshare}/task/${unshare}/children`).trim()) || null);
  await waitFor(`${host.name}'s sshd`, () => fs.existsSync(path.join(hostDir, "sshd.pid")) || null);
  const started: LabPod[] = [];
  for (const p of pods) {
    const pid = await waitFor(`pod ${p.spec.name}`, () => pidWithArgument(p.status));
    started.push({ name: p.spec.name, situation: p.spec.situation, pid });
  }
  if (specs.length > 0) host.pods = started;
  return fingerprint;
}

/** Each pod's network-namespace inode, read from this machine's root namespace: what a probe sees as the pod's `/proc/PID/ns/net`. */
export function podNetnsInodes(host: LabHost): Record<string, number> {
  return Object.fromEntries((host.pods ?? []).map((p) => [p.name, fs.statSync(`/proc/${p.pid}/ns/net`).ino]));
}

/** The node's pods and their TIME_WAIT, for `lab status`. */
export function podsLine(host: LabHost): string {
  const tw = (pid: number) => /tw (\d+)/.exec(readOr(`/proc/${pid}/net/sockstat`))?.[1] ?? "gone";
  return (host.pods ?? []).map((p) => `${p.name} tw ${tw(p.pid)}`).join(" · ");
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The process that has `arg` as one of its arguments (the pod's traffic process once its shell has exec'd it). */
function pidWithArgument(arg: string): number | null {
  for (const entry of fs.readdirSync("/proc")) {
    if (/^\d+$/.test(entry) && readOr(`/proc/${entry}/cmdline`).split("\0").includes(arg)) return Number(entry);
  }
  return null;
}

async function waitFor<T>(what: string, found: () => T | null, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const value = found();
    if (value !== null) return value;
  }
  throw new Error(`${what} did not start within ${ms / 1000} s (its log is in the lab directory's logs/)`);
}
