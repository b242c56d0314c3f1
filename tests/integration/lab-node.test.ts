import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { eventually, isRoot, run } from "../support/processes";
import { sshClientArgs } from "../support/sshd";
import * as lab from "@/lab/lab";
import { podNetnsInodes } from "@/lab/isolated-host";
import { labDirOf, type LabHost } from "@/lab/state";
import { analyzeSample } from "@/lib/advice/analyze";
import type { HostSample } from "@/lib/types";
import { listHosts } from "@/server/db/hosts";
import { pollOverSsh } from "../support/polling";

const ctx = await useTestContext({}, { prefix: "twscope-lab-node-" });

const runnable = isRoot() && fs.existsSync("/usr/sbin/sshd");
if (!runnable) console.warn("skipping the lab node tests: they need root (namespaces) and openssh-server");

const ino = (file: string) => fs.statSync(file).ino;

/** The network namespaces of the processes in the PID namespace `pidNs`, read from the root namespace. */
function netnsOfPidNamespace(pidNs: number): Set<number> {
  const found = new Set<number>();
  for (const entry of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (ino(`/proc/${entry}/ns/pid`) === pidNs) found.add(ino(`/proc/${entry}/ns/net`));
    } catch {
      /* exited meanwhile, or a kernel thread */
    }
  }
  return found;
}

const tw = (pid: number) => Number(/tw (\d+)/.exec(fs.readFileSync(`/proc/${pid}/net/sockstat`, "utf8"))![1]);
const pod = (node: LabHost, name: string) => node.pods!.find((p) => p.name === name)!;

describe.runIf(runnable)("the lab's node k8s-node and its pods", () => {
  let node: LabHost;

  beforeAll(async () => {
    const state = await lab.up({ plainHosts: 0, durationSeconds: 180, scenarios: true }, undefined, ctx);
    node = state.hosts.find((h) => h.name === "k8s-node")!;
  }, 120_000);

  afterAll(async () => {
    ctx.pool.closeAll();
    if (runnable) await lab.down(ctx);
  }, 60_000);

  it("a login to the node runs the probe as root on a host named k8s-node", () => {
    const out = execFileSync(
      "ssh",
      ["-n", ...sshClientArgs(path.join(labDirOf(ctx), "monitor_key")), `twscope-lab@${node.address}`, "cat /etc/passwd"],
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(out).toMatch(/^@@twscope-probe 1\n@@meta\n(?:.*\n)*?hostname k8s-node\nuser root\n/);
  });

  it("records each pod with its situation and its traffic process", () => {
    expect(node.pods!.map((p) => [p.name, p.situation])).toEqual([
      ["web-5d8f7", "server-closes-first"],
      ["api-client-7c4b9", "client-port-exhaustion"],
      ["db-0", "healthy"],
    ]);
    for (const p of node.pods!) expect(fs.readFileSync(`/proc/${p.pid}/cmdline`, "utf8")).toContain("http-traffic.mjs");
  });

  it("the node's PID namespace holds the node's network namespace and one per pod, and nothing of the machine", () => {
    const pidNs = ino(`/proc/${node.initPid}/ns/pid`);
    expect(pidNs).not.toBe(ino("/proc/self/ns/pid"));
    const pods = Object.values(podNetnsInodes(node));
    expect(netnsOfPidNamespace(pidNs)).toEqual(new Set([ino(`/run/netns/${node.netns}`), ...pods]));
    expect(new Set(pods).size).toBe(3);
    // Inside, /proc shows the init, sshd, three pods and the init's sleep: not this machine's processes.
    const inside = fs.readdirSync(`/proc/${node.initPid}/root/proc`).filter((p) => /^\d+$/.test(p));
    expect(inside.length).toBeGreaterThanOrEqual(5);
    expect(inside.length).toBeLessThan(10);
    expect(run("nsenter", ["-t", String(node.initPid), "-u", "hostname"]).trim()).toBe("k8s-node");
  });

  it("each pod's TIME_WAIT builds up in its own namespace as its situation says, the node's own stays small", async () => {
    const web = pod(node, "web-5d8f7").pid;
    const api = pod(node, "api-client-7c4b9").pid;
    expect(await eventually(() => tw(web) > 100 && tw(api) > 100, { tries: 60, everyMs: 500 })).toBe(true);
    expect(tw(pod(node, "db-0").pid)).toBeLessThan(20);
    const own = run("ip", ["netns", "exec", node.netns, "cat", "/proc/net/sockstat"]);
    expect(Number(/tw (\d+)/.exec(own)![1])).toBeLessThan(20);
  });

  it("a poll attributes each pod's TIME_WAIT to its namespace, name and process, and the advisor judges each pod on its own", async () => {
    const host = (await listHosts(ctx.db)).find((h) => h.name === "k8s-node")!;
    const inodes = podNetnsInodes(node);
    // The pid a process has inside the node's PID namespace, where the probe runs.
    const innerPid = (pid: number) => Number(/^NSpid:.*\s(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
    const api = pod(node, "api-client-7c4b9");
    let sample: HostSample | null = null;
    const nsOf = (name: string) => sample?.namespaces?.shown.find((n) => n.name === name);
    // Until each pod's situation has built up past the advisor's thresholds (500 on one port; half of
    // a 1,000-port range), and a client connection was open at the moment of a poll, so its process is named.
    const built = () =>
      (nsOf("web-5d8f7")?.timeWait.byListeningPort[0]?.count ?? 0) > 600 &&
      (nsOf("api-client-7c4b9")?.timeWait.byPeer[0]?.count ?? 0) > 600 &&
      (nsOf("api-client-7c4b9")?.owners.byPeer["127.0.0.1:8080"]?.processes ?? 0) > 0;
    for (let i = 0; i < 45 && !built(); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      sample = (await pollOverSsh(ctx, host)).sample;
    }
    expect(built(), JSON.stringify(sample?.namespaces?.shown.map((n) => [n.name, n.timeWait, n.owners]))).toBe(true);
    const namespaces = sample!.namespaces!;
    expect(namespaces.self).toBe(ino(`/run/netns/${node.netns}`));
    for (const p of node.pods!) expect(nsOf(p.name)?.inode, p.name).toBe(inodes[p.name]);
    const web = nsOf("web-5d8f7")!;
    expect(web.timeWait.byListeningPort[0]?.port).toBe(80);
    expect(web.owners.byPort[80]?.shown).toEqual([{ pid: innerPid(pod(node, "web-5d8f7").pid), uid: 0, command: "node" }]);
    const client = nsOf("api-client-7c4b9")!;
    expect(client.sysctls["net.ipv4.ip_local_port_range"]).toBe("40000 40999");
    expect(client.timeWait.byPeer[0]?.peer).toBe("127.0.0.1:8080");
    expect(client.owners.byPeer["127.0.0.1:8080"]?.shown).toEqual([{ pid: innerPid(api.pid), uid: 0, command: "node" }]);
    // The node's own tables hold almost none of it.
    expect(sample!.timeWait.total).toBeLessThan(20);

    const findings = analyzeSample(sample!).findings;
    const about = (name: string) => findings.filter((f) => f.namespace?.name === name).map((f) => f.ruleId);
    expect(about("web-5d8f7")).toContain("server-closes-first");
    expect(about("api-client-7c4b9")).toContain("client-port-exhaustion");
    expect(about("db-0")).toEqual([]);
    expect(findings.filter((f) => !f.namespace).map((f) => f.ruleId)).not.toContain("server-closes-first");
  }, 90_000);

  it("each pod's hostname is its name, and api-client-7c4b9 has a port range of its own", () => {
    for (const p of node.pods!) expect(run("nsenter", ["-t", String(p.pid), "-u", "cat", "/proc/sys/kernel/hostname"]).trim()).toBe(p.name);
    const range = (pid: number) => run("nsenter", ["-t", String(pid), "-n", "cat", "/proc/sys/net/ipv4/ip_local_port_range"]).trim();
    expect(range(pod(node, "api-client-7c4b9").pid)).toBe("40000\t40999");
    expect(range(pod(node, "web-5d8f7").pid)).not.toBe("40000\t40999");
  });

  it("down leaves no process, namespace or mount of the node behind", async () => {
    const pidNs = ino(`/proc/${node.initPid}/ns/pid`);
    const pods = new Set(Object.values(podNetnsInodes(node)));
    ctx.pool.closeAll();
    await lab.down(ctx);
    // The kernel ends a PID namespace's processes once its init is killed, so this may take a moment.
    expect(await eventually(() => netnsOfPidNamespace(pidNs).size === 0)).toBe(true);
    const netnsInUse = fs
      .readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return ino(`/proc/${p}/ns/net`);
        } catch {
          return 0;
        }
      });
    expect(netnsInUse.filter((n) => pods.has(n))).toEqual([]);
    expect(run("ip", ["netns", "list"])).not.toMatch(/twlab-/);
    expect(fs.readFileSync("/proc/self/mountinfo", "utf8")).not.toMatch(/twlab|k8s-node|etc-hosts/);
  });
});
