import fs from "node:fs";
import path from "node:path";
import { podsLine, startIsolatedHost, trafficCommand } from "./isolated-host";
import { PODS } from "./k8s-node/pods";
import { createBridge, createHosts, destroyNetwork, labNamespaces, netnsExec } from "./network";
import { installLabProbe, removeLabProbe } from "./probe";
import { installProbeSudoRule, removeProbeSudoRule } from "./probe-sudo";
import type { AppContext } from "@/server/context";
import { registerHosts, unregisterLabHosts, withTwscope } from "./register";
import { SCENARIOS, UPSTREAM } from "./scenarios";
import { spawnInNetns } from "./shell";
import { createMonitorKey, ensureLabUser, removeLabUser, startHostSshd } from "./sshd";
import {
  addressOf,
  BASTION,
  innerAddressOf,
  labDir,
  labDirOf,
  NETNS_PREFIX,
  readState,
  writeState,
  type LabHost,
  type LabState,
} from "./state";

export interface UpOptions {
  plainHosts: number;
  durationSeconds: number;
  scenarios: boolean;
  /** Hosts on the bastion's own network, reached only through the bastion (which comes with them). */
  behindBastion?: number;
}

function planHosts(o: UpOptions): LabHost[] {
  const behind = o.behindBastion ?? 0;
  const names = [
    ...(o.scenarios ? SCENARIOS.map((s) => ({ name: s.name, kind: "scenario" as const, scenario: s.name })) : []),
    ...Array.from({ length: o.plainHosts }, (_, i) => ({
      name: `lab-${String(i + 1).padStart(3, "0")}`,
      kind: "plain" as const,
      scenario: null,
    })),
    ...(behind > 0 ? [{ name: BASTION, kind: "bastion" as const, scenario: null }] : []),
  ];
  const outside = names.map((n, i) => ({
    ...n,
    netns: `${NETNS_PREFIX}${n.name}`.slice(0, 40),
    veth: `twl${i}`,
    address: addressOf(i),
    fingerprint: "",
    twscopeId: null,
  }));
  const inside = Array.from({ length: behind }, (_, i) => ({
    name: `behind-bastion-${i + 1}`,
    kind: "behind" as const,
    scenario: null,
    netns: `${NETNS_PREFIX}behind-bastion-${i + 1}`,
    veth: `twb${i}`,
    address: innerAddressOf(i),
    fingerprint: "",
    twscopeId: null,
  }));
  return [...outside, ...inside];
}

/**
 * Removes everything a lab (or a crashed one) left: processes, namespaces, bridge, files, the probe,
 * registered hosts. `ctx` is the twscope the lab registered its hosts in (else the environment's).
 */
export async function down(ctx?: AppContext): Promise<{ namespaces: number; hosts: number }> {
  const namespaces = (await labNamespaces()).length;
  await destroyNetwork();
  const hosts = await withTwscope(ctx, unregisterLabHosts);
  await removeLabUser();
  removeProbeSudoRule();
  removeLabProbe();
  fs.rmSync(labDirOf(ctx), { recursive: true, force: true });
  return { namespaces, hosts };
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function up(o: UpOptions, log: (line: string) => void = () => {}, ctx?: AppContext): Promise<LabState> {
  if (process.getuid?.() !== 0) throw new Error("the lab needs root (network namespaces, sshd, a system user)");
  const leftovers = await down(ctx);
  if (leftovers.namespaces || leftovers.hosts)
    log(`cleaned up a previous lab: ${leftovers.namespaces} namespaces, ${leftovers.hosts} hosts`);
  const dir = labDirOf(ctx);
  fs.mkdirSync(path.join(dir, "logs"), { recursive: true });
  const hosts = planHosts(o);
  const started = Date.now();
  try {
    return await build(dir, hosts, o, started, log, ctx);
  } catch (err) {
    await down(ctx).catch(() => {});
    throw err;
  }
}

async function build(
  dir: string,
  hosts: LabHost[],
  o: UpOptions,
  started: number,
  log: (line: string) => void,
  ctx?: AppContext,
): Promise<LabState> {
  await ensureLabUser();
  installLabProbe();
  const sudo = await installProbeSudoRule();
  if (!sudo) log("sudo is not installed: every host is probed unprivileged, and no process is named");
  for (const h of hosts)
    h.sudo = sudo && (h.kind === "behind" || (h.kind === "scenario" && !SCENARIOS.find((s) => s.name === h.scenario)?.unprivileged));
  const behind = hosts.filter((h) => h.kind === "behind").map((h) => h.address);
  const monitorKey = await createMonitorKey(dir, behind);
  await createBridge();
  await createHosts(hosts);
  const upstream = hosts.find((h) => h.name === UPSTREAM)?.address ?? null;
  await inBatches(hosts, 16, async (h) => {
    const scenario = SCENARIOS.find((s) => s.name === h.scenario);
    for (const [key, value] of Object.entries(scenario?.sysctls ?? {})) await netnsExec(h.netns, "sysctl", ["-q", "-w", `${key}=${value}`]);
    // A host probed as root sees every process of its PID namespace: it gets one of its own, as a real host has.
    h.fingerprint =
      h.sudo || scenario?.node
        ? await startIsolatedHost(dir, h, {
            seconds: o.durationSeconds,
            traffic: trafficOf(h, scenario, upstream),
            pods: scenario?.node ? PODS : [],
          })
        : await startHostSshd(dir, h, behind);
  });
  log(`${hosts.length} hosts up with sshd in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  startTraffic(dir, hosts, o.durationSeconds);
  await withTwscope(ctx, (twscope) => registerHosts(twscope, hosts, monitorKey));
  const state: LabState = { startedAt: started, endsAt: started + o.durationSeconds * 1000, hosts };
  writeState(dir, state);
  return state;
}

/**
 * What an isolated host's init runs: its scenario's traffic; for a host behind the bastion, which
 * cannot reach the upstream, a server of its own on :80 closing first under 5 requests/s from itself.
 */
function trafficOf(h: LabHost, scenario: (typeof SCENARIOS)[number] | undefined, upstream: string | null): string[] | null {
  if (h.kind === "behind") return ["--listen", `${h.address}:80`, "--server-close", "--target", `${h.address}:80`, "--rate", "5"];
  return scenario && !scenario.node && upstream ? scenario.traffic(h.address, upstream) : null;
}

function startTraffic(dir: string, hosts: LabHost[], seconds: number): void {
  const upstream = hosts.find((h) => h.name === UPSTREAM)?.address ?? null;
  // Isolated hosts start their own traffic; the hosts behind the bastion cannot reach the upstream.
  for (const h of hosts.filter((x) => !x.initPid && x.kind !== "behind")) {
    const logFd = fs.openSync(path.join(dir, "logs", `${h.name}.log`), "a");
    const status = path.join(dir, "logs", `${h.name}.json`);
    const scenario = SCENARIOS.find((s) => s.name === h.scenario);
    if (scenario && upstream) {
      spawnInNetns(h.netns, trafficCommand(scenario.traffic(h.address, upstream), seconds, status), logFd);
    } else if (upstream) {
      // Plain hosts: a little churn, one short connection to the upstream every 5 s, from a 1 MB busybox shell.
      const rounds = Math.ceil(seconds / 5);
      const loop = `i=0; while [ $i -lt ${rounds} ]; do busybox nc -w 1 ${upstream} 8080 </dev/null >/dev/null 2>&1; i=$((i+1)); sleep 5; done`;
      spawnInNetns(h.netns, ["busybox", "sh", "-c", loop], logFd);
    }
    fs.closeSync(logFd);
  }
}

export interface HostStatusLine {
  name: string;
  address: string;
  sshd: boolean;
  timeWait: number | null;
  traffic: string;
}

export async function status(): Promise<{ state: LabState | null; hosts: HostStatusLine[] }> {
  const dir = labDir();
  const state = readState(dir);
  const present = new Set(await labNamespaces());
  const hosts = await Promise.all(
    (state?.hosts ?? []).map(async (h): Promise<HostStatusLine> => {
      const alive = present.has(h.netns);
      const sockstat = alive ? await netnsExec(h.netns, "cat", ["/proc/net/sockstat"]).catch(() => "") : "";
      const pidFile = path.join(dir, "hosts", h.name, "sshd.pid");
      // A node's sshd writes its pid as seen in the node's own PID namespace, whose /proc its init's root shows.
      const proc = h.initPid ? `/proc/${h.initPid}/root/proc` : "/proc";
      const sshd = fs.existsSync(pidFile) && fs.existsSync(`${proc}/${fs.readFileSync(pidFile, "utf8").trim()}`);
      return {
        name: h.name,
        address: h.address,
        sshd,
        timeWait: Number(/tw (\d+)/.exec(sockstat)?.[1] ?? NaN) || 0,
        traffic: h.pods ? podsLine(h) : trafficLine(dir, h.name),
      };
    }),
  );
  return { state, hosts };
}

function trafficLine(dir: string, name: string): string {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, "logs", `${name}.json`), "utf8")) as {
      requests: number;
      ok: number;
      served: number;
      errors: Record<string, number>;
    };
    const errors = Object.entries(s.errors)
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    return `sent ${s.requests} ok ${s.ok} served ${s.served}${errors ? ` errors ${errors}` : ""}`;
  } catch {
    return "";
  }
}
