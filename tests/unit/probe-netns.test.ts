import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { NETNS, makeNetnsInput } from "../support/netns-fixture";

// The probe's @@netns section (server/probe/twscope-probe.sh), run as the poller runs it on a /proc
// tree with four network namespaces, and what the parser and the advisor make of it.

const SCRIPT = fs.readFileSync(fileURLToPath(new URL("../../server/probe/twscope-probe.sh", import.meta.url)), "utf8");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-netns-"));
const { proc, nsenter } = makeNetnsInput(tmp);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const busybox = ["/usr/bin/busybox", "/bin/busybox"].find((f) => fs.existsSync(f));
const shells = [["sh"], ...(busybox ? [[busybox, "sh"]] : [])];

function probe(shell: string[], env: Record<string, string> = {}): string {
  const res = spawnSync(shell[0]!, [...shell.slice(1), "-s"], {
    input: SCRIPT,
    encoding: "utf8",
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH,
      TWSCOPE_PROC: proc,
      TWSCOPE_SS: "none",
      TWSCOPE_ETC_ROOT: "/nonexistent",
      TWSCOPE_NSENTER: nsenter,
      ...env,
    },
    timeout: 15_000,
  });
  expect(res.status, res.stderr).toBe(0);
  return res.stdout;
}
const section = (bundle: string) =>
  bundle
    .slice(bundle.indexOf("@@netns\n") + 8, bundle.indexOf("@@end\n"))
    .split("\n")
    .filter(Boolean);

describe.each(shells)("the probe's network namespaces under %s", (...shell) => {
  it("tells the namespaces apart, largest TIME_WAIT first, each aggregated with its hostname, cgroup, sysctls and processes", () => {
    const lines = section(probe(shell));
    const [web, docker, idle] = NETNS.namespaces.map((n) => n.inode);
    expect(lines.slice(0, 2)).toEqual([`self ${NETNS.host}`, "hidden 0"]);
    expect(lines.filter((l) => / pid \d+ processes /.test(l))).toEqual([
      `ns ${web} pid 500 processes 2 tw 30`,
      `ns ${docker} pid 600 processes 1 tw 12`,
      `ns ${idle} pid 700 processes 1 tw 0`,
    ]);
    expect(lines).toContain(`ns ${web} hostname web-5d8f7`);
    expect(lines).toContain(`ns ${web} sysctl net.ipv4.ip_local_port_range = 32768 60999`);
    expect(lines).toContain(`ns ${web} server 80 30`);
    expect(lines).toContain(`ns ${web} owner port 80 sockets 1 processes 1`);
    expect(lines).toContain(`ns ${web} process port 80 501 0 nginx`);
    expect(lines).toContain(`ns ${docker} client 10.1.0.5:5432 12`);
    expect(lines).toContain(`ns ${docker} process peer 10.1.0.5:5432 600 0 python3`);
    expect(lines).toContain(`ns ${docker} cgroup /system.slice/docker-${NETNS.dockerId}.scope`);
    expect(lines.at(-1)).toBe("namespaces 3 shown 3 others-tw 0");
  });

  it("shows only the largest when there are more, and counts the TIME_WAIT of the others", () => {
    const lines = section(probe(shell, { TWSCOPE_NETNS_MAX: "1" }));
    expect(lines.filter((l) => / pid \d+ processes /.test(l))).toEqual([`ns ${NETNS.namespaces[0]!.inode} pid 500 processes 2 tw 30`]);
    expect(lines.at(-1)).toBe("namespaces 3 shown 1 others-tw 12");
    expect(parseProbeBundle(probe(shell, { TWSCOPE_NETNS_MAX: "1" })).namespaces).toMatchObject({ total: 3, othersTimeWait: 12 });
  });
});

describe("the namespaces as twscope reads and judges them", () => {
  const sample = parseProbeBundle(probe(["sh"]));

  it("names each namespace: a pod by its hostname, a container by its runtime and id, else by its command", () => {
    const ns = sample.namespaces!;
    expect(ns.total).toBe(3);
    expect(ns.shown.map((n) => n.name)).toEqual(["web-5d8f7", `docker ${NETNS.dockerId.slice(0, 12)}`, "sleep (pid 700)"]);
    expect(ns.shown[0]!.container).toEqual({ runtime: "kubernetes", id: "a".repeat(64), pod: "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901" });
    expect(ns.shown[1]!.timeWait.byPeer).toEqual([{ peer: "10.1.0.5:5432", count: 12 }]);
    expect(ns.shown[1]!.sysctls["net.ipv4.ip_local_port_range"]).toBe("40000 40999");
  });

  it("judges each namespace with its own sysctls, and names it in its findings", () => {
    const findings = analyzeSample(sample).findings.filter((f) => f.namespace);
    // The container's 1,000-port range is narrow; the host's own range is not judged narrow.
    expect(findings.map((f) => [f.namespace!.name, f.ruleId])).toContainEqual([
      `docker ${NETNS.dockerId.slice(0, 12)}`,
      "port-range-narrow",
    ]);
    expect(findings.find((f) => f.ruleId === "port-range-narrow")!.title).toMatch(/^container docker b{12}: /);
    expect(
      analyzeSample(sample)
        .findings.filter((f) => !f.namespace)
        .map((f) => f.ruleId),
    ).not.toContain("port-range-narrow");
  });
});
