import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { pollOverSsh } from "../support/polling";
import { isRoot } from "../support/processes";
import { sshClientArgs } from "../support/sshd";
import type { HostSample } from "@/lib/types";
import * as lab from "@/lab/lab";
import { LAB_PROBE, LAB_PROBE_DIR } from "@/lab/probe";
import { labAuthorizedKeys } from "@/lab/sshd";
import { labDirOf, readState } from "@/lab/state";
import { listHosts } from "@/server/db/hosts";
import { latestAnalysis } from "@/server/services/hosts/host-detail";
import { probeScript } from "@/server/transport/probe-script";

const ctx = await useTestContext({ TWSCOPE_SSH_READY_TIMEOUT: "10", TWSCOPE_PROBE_TIMEOUT: "10" }, { prefix: "twscope-lab-" });

const runnable = isRoot() && fs.existsSync("/usr/sbin/sshd");
if (!runnable) console.warn("skipping the lab tests: they need root (network namespaces) and openssh-server");

/** One real poll of a lab host over SSH, stored like the poller stores it. */
async function poll(name: string): Promise<{ sample: HostSample; overflowRate: number | null }> {
  const { db } = ctx;
  const host = (await listHosts(db)).find((h) => h.name === name)!;
  const outcome = await pollOverSsh(ctx, host);
  if (outcome.status !== "ok") throw new Error(`${name}: ${outcome.status} ${outcome.error}`);
  const row = (await db.get("SELECT tw_overflow_rate AS r FROM samples WHERE host_id = ? ORDER BY ts DESC LIMIT 1", [host.id])) as {
    r: number | null;
  };
  return { sample: outcome.sample!, overflowRate: row.r };
}

/** Polls until the situation shows (traffic needs seconds to build it up), at most `tries` times. */
async function pollUntil(name: string, shows: (p: Awaited<ReturnType<typeof poll>>) => boolean, tries = 40) {
  let last = await poll(name);
  for (let i = 0; i < tries && !shows(last); i++) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await poll(name);
  }
  return last;
}

/** The pid of a lab host's traffic process, from the status file it writes every 2 s. */
function trafficPid(name: string): number {
  return (JSON.parse(fs.readFileSync(path.join(labDirOf(ctx), "logs", `${name}.json`), "utf8")) as { pid: number }).pid;
}

const netns = (name: string, ...cmd: string[]) => execFileSync("ip", ["netns", "exec", `twlab-${name}`, ...cmd], { encoding: "utf8" });

describe.runIf(runnable)("the lab fleet", () => {
  let upstream = "";

  beforeAll(async () => {
    const state = await lab.up({ plainHosts: 2, durationSeconds: 240, scenarios: true }, undefined, ctx);
    upstream = state.hosts.find((h) => h.name === "upstream")!.address;
  }, 120_000);

  afterAll(async () => {
    ctx.pool.closeAll();
    if (runnable) await lab.down(ctx);
  }, 60_000);

  it("registers every lab host in twscope with its host key pinned", async () => {
    const hosts = (await listHosts(ctx.db)).filter((h) => h.tags.includes("lab"));
    expect(hosts.map((h) => h.name).sort()).toEqual([
      "client-port-exhaustion",
      "fin-timeout-myth",
      "k8s-node",
      "keepalive-healthy",
      "lab-001",
      "lab-002",
      "reuse-without-timestamps",
      "tw-bucket-overflow",
      "upstream",
      "web-active-close",
    ]);
    expect(hosts.every((h) => /^SHA256:/.test(h.hostKeyFingerprint ?? ""))).toBe(true);
  });

  it("the lab user's key may run only the installed probe, the repository's current one", () => {
    const line = fs.readFileSync(labAuthorizedKeys(), "utf8");
    expect(line.startsWith(`restrict,command="timeout -k 2 3700 ${LAB_PROBE}" ssh-ed25519 `)).toBe(true);
    expect(line.trim().split("\n")).toHaveLength(1);
    const installed = fs.statSync(LAB_PROBE);
    expect([installed.uid, installed.mode & 0o777]).toEqual([0, 0o755]);
    expect(fs.readFileSync(LAB_PROBE, "utf8")).toBe(probeScript());
    const address = readState(labDirOf(ctx))!.hosts.find((h) => h.name === "lab-001")!.address;
    const out = execFileSync(
      "ssh",
      ["-n", ...sshClientArgs(path.join(labDirOf(ctx), "monitor_key")), `twscope-lab@${address}`, "cat /etc/passwd"],
      // Bounded: a synchronous call that hung would also keep the test's own timeout from firing.
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(out).not.toMatch(/root:x:0:0/);
    expect(out).toMatch(/^@@twscope-probe 1\n[\s\S]*\nuser twscope-lab\n/);
    // The scenario hosts' sshd reads the same key through the probe's sudo rule, and nothing else.
    const sudoLine = fs.readFileSync(path.join(path.dirname(labAuthorizedKeys()), "authorized_keys-sudo"), "utf8");
    expect(sudoLine.startsWith(`restrict,command="timeout -k 2 3700 sudo -n ${LAB_PROBE}" ssh-ed25519 `)).toBe(true);
    expect(fs.readFileSync("/etc/sudoers.d/twscope-lab", "utf8")).toBe(
      `Defaults!${LAB_PROBE} env_keep += "SSH_ORIGINAL_COMMAND"\ntwscope-lab ALL=(root) NOPASSWD: ${LAB_PROBE}\n`,
    );
    // Through sudo the probe still hears --serve, and serves polls as root.
    const web = readState(labDirOf(ctx))!.hosts.find((h) => h.name === "web-active-close")!.address;
    const served = execFileSync(
      "ssh",
      [...sshClientArgs(path.join(labDirOf(ctx), "monitor_key")), `twscope-lab@${web}`, "twscope-probe --serve"],
      {
        encoding: "utf8",
        input: "@@twscope-poll\n",
        timeout: 20_000,
      },
    );
    expect(served).toMatch(/^@@twscope-serve 1\n@@twscope-probe 1\n[\s\S]*\nuser root\n[\s\S]*@@end\n$/);
  });

  it("web-active-close: most TIME_WAIT sits on listening port 80, server side", async () => {
    const { sample } = await pollUntil("web-active-close", (p) => p.sample.timeWait.server > 200);
    expect(sample.timeWait.byListeningPort[0]?.port).toBe(80);
    expect(sample.timeWait.server).toBeGreaterThan(0.8 * sample.timeWait.total);
    // Probed as root through the sudo rule: the listener on :80 is the host's traffic process. The host
    // has a PID namespace of its own, so it sees its own processes and network namespace only.
    expect(sample.user).toBe("root");
    expect(sample.hostname).toBe("web-active-close");
    expect(sample.namespaces).toMatchObject({ total: 0, hiddenProcesses: 0, shown: [] });
    expect(sample.owners?.byPort[80]).toMatchObject({
      uid: 0,
      processes: 1,
      shown: [{ pid: trafficPid("web-active-close"), command: "node", uid: 0 }],
    });
  });

  it("counts the same TIME_WAIT as ss -s inside the namespace at the same moment", async () => {
    const { sample } = await poll("web-active-close");
    const ssTimewait = Number(/timewait (\d+)/.exec(netns("web-active-close", "ss", "-s"))![1]);
    expect(Math.abs(sample.sockstat.tcpTw! - ssTimewait)).toBeLessThanOrEqual(30 + 0.05 * ssTimewait);
  });

  it("client-port-exhaustion: client-side TIME_WAIT to the upstream fills at least half the port range", async () => {
    const { sample } = await pollUntil("client-port-exhaustion", (p) => (p.sample.timeWait.byPeer[0]?.count ?? 0) >= 500);
    expect(sample.sysctls["net.ipv4.ip_local_port_range"]).toBe("40000 40999");
    expect(sample.timeWait.byPeer[0]).toEqual({ peer: `${upstream}:8080`, count: expect.any(Number) });
    expect(sample.timeWait.byPeer[0]!.count).toBeGreaterThanOrEqual(500);
    expect(sample.timeWait.server).toBe(0);
  });

  it("client-port-exhaustion: the client behind the TIME_WAIT is the process connected to the upstream now", async () => {
    const peer = `${upstream}:8080`;
    // The upstream answers after 100 ms, so a few connections are open at most moments.
    const { sample } = await pollUntil("client-port-exhaustion", (p) => (p.sample.owners?.byPeer[peer]?.processes ?? 0) > 0);
    const owner = sample.owners!.byPeer[peer]!;
    expect(owner.sockets).toBeGreaterThan(0);
    expect(owner.shown).toEqual([{ pid: trafficPid("client-port-exhaustion"), command: "node", uid: 0 }]);
  });

  it("a host probed without the sudo rule names no process, and says whose sockets and how many processes it could not look into", async () => {
    const peer = `${upstream}:8080`;
    const { sample } = await pollUntil("reuse-without-timestamps", (p) => (p.sample.owners?.byPeer[peer]?.sockets ?? 0) > 0);
    expect(sample.user).toBe("twscope-lab");
    expect(sample.owners!.hiddenProcesses).toBeGreaterThan(10);
    expect(sample.owners!.byPeer[peer]).toMatchObject({ uid: 0, processes: 0, shown: [] });
    expect(sample.owners!.users[0]).toBe("root");
    // Nor can it tell which namespace another account's process is in: it counts them. (It does see its
    // own account's: here the probes of the other lab hosts, which share this account and machine.)
    expect(sample.namespaces!.hiddenProcesses).toBeGreaterThan(10);
    expect(sample.conntrack?.timeWait ?? null).toBeNull();
  });

  it("tw-bucket-overflow: TIME_WAIT is held at tcp_max_tw_buckets and the overflow counter rises", async () => {
    const { sample, overflowRate } = await pollUntil("tw-bucket-overflow", (p) => (p.overflowRate ?? 0) > 0);
    expect(overflowRate).toBeGreaterThan(0);
    expect(sample.sysctls["net.ipv4.tcp_max_tw_buckets"]).toBe("200");
    expect(sample.sockstat.tcpTw).toBeLessThanOrEqual(200);
  });

  it("reuse-without-timestamps: tcp_tw_reuse=1 with timestamps off, client TIME_WAIT toward the upstream", async () => {
    const { sample } = await pollUntil("reuse-without-timestamps", (p) => p.sample.timeWait.client > 20);
    expect(sample.sysctls).toMatchObject({ "net.ipv4.tcp_tw_reuse": "1", "net.ipv4.tcp_timestamps": "0" });
    expect(sample.timeWait.byPeer[0]?.peer).toBe(`${upstream}:8080`);
  });

  it("fin-timeout-myth: tcp_fin_timeout is 5 yet TIME_WAIT still piles up", async () => {
    const { sample } = await pollUntil("fin-timeout-myth", (p) => p.sample.timeWait.total > 150);
    expect(sample.sysctls["net.ipv4.tcp_fin_timeout"]).toBe("5");
    expect(sample.timeWait.total).toBeGreaterThan(150);
  });

  it("keepalive-healthy: the same request rate over keep-alive leaves almost no TIME_WAIT", async () => {
    const web = await poll("web-active-close");
    const { sample } = await poll("keepalive-healthy");
    expect(sample.timeWait.total).toBeLessThan(0.05 * web.sample.timeWait.total);
    expect(sample.states.ESTAB ?? 0).toBeGreaterThan(0);
  });

  it("upstream and the plain hosts answer polls; the upstream listens on 8080", async () => {
    expect((await poll("upstream")).sample.listeningPorts).toContain(8080);
    expect((await poll("lab-001")).sample.kernel).toBe(os.release());
  });

  it("the advisor names each scenario's situation from the real polls", async () => {
    const { db } = ctx;
    await poll("tw-bucket-overflow"); // a second poll, so the overflow counter has a rate
    const expected: Record<string, string> = {
      "web-active-close": "server-closes-first",
      "client-port-exhaustion": "client-port-exhaustion",
      "tw-bucket-overflow": "tw-buckets-overflow",
      "reuse-without-timestamps": "tw-reuse-without-timestamps",
      "fin-timeout-myth": "fin-timeout-lowered",
      "keepalive-healthy": "healthy",
      upstream: "healthy",
    };
    const hosts = await listHosts(db);
    const top: Record<string, string | undefined> = {};
    for (const name of Object.keys(expected)) {
      const host = hosts.find((h) => h.name === name)!;
      top[name] = (await latestAnalysis(db, host.id))?.report.findings[0]?.ruleId;
    }
    expect(top).toEqual(expected);
  });

  it("down leaves no namespace, interface, process, file or twscope host behind", async () => {
    const dir = labDirOf(ctx);
    ctx.pool.closeAll();
    await lab.down(ctx);
    expect(execFileSync("ip", ["netns", "list"], { encoding: "utf8" })).not.toMatch(/twlab-/);
    expect(execFileSync("ip", ["-o", "link"], { encoding: "utf8" })).not.toMatch(/twl\d+|twlab0/);
    const ours = fs
      .readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
        } catch {
          return false;
        }
      });
    expect(ours).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(LAB_PROBE_DIR)).toBe(false);
    expect(fs.existsSync("/etc/sudoers.d/twscope-lab")).toBe(false);
    expect((await listHosts(ctx.db)).filter((h) => h.tags.includes("lab"))).toEqual([]);
    expect(() => execFileSync("id", ["twscope-lab"], { stdio: "ignore" })).toThrow();
  });
});
