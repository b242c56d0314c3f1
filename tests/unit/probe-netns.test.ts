import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { analyzeInEnglish } from "../support/advice";
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
    .slice(bundle.indexOf("@@netns\n") + 8, bundle.indexOf("@@conntrack\n"))
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
    // Only the sysctls unlike the host's are written: the pod's tcp_tw_reuse, not its (same) port range.
    expect(lines).toContain(`ns ${web} sysctls read, those unlike the host below`);
    expect(lines).toContain(`ns ${web} sysctl net.ipv4.tcp_tw_reuse = 0`);
    expect(lines.some((l) => l.startsWith(`ns ${web} sysctl net.ipv4.ip_local_port_range`))).toBe(false);
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
    expect(ns.shown[0]!.sysctls).toMatchObject({ "net.ipv4.tcp_tw_reuse": "0", "net.ipv4.ip_local_port_range": "32768 60999" });
  });

  it("judges each namespace with its own sysctls, and names it in its findings", () => {
    const findings = analyzeInEnglish(sample).findings.filter((f) => f.namespace);
    // The container's 1,000-port range is narrow; the host's own range is not judged narrow.
    expect(findings.map((f) => [f.namespace!.name, f.ruleId])).toContainEqual([
      `docker ${NETNS.dockerId.slice(0, 12)}`,
      "port-range-narrow",
    ]);
    expect(findings.find((f) => f.ruleId === "port-range-narrow")!.title).toMatch(/^container docker b{12}: /);
    expect(
      analyzeInEnglish(sample)
        .findings.filter((f) => !f.namespace)
        .map((f) => f.ruleId),
    ).not.toContain("port-range-narrow");
  });
});

describe("the conntrack table", () => {
  // Two CPUs' statistics (hex, as the kernel prints them) and a table of 8 entries, 6 of them TCP in TIME_WAIT.
  const STAT = [
    "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart",
    "00000008  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000000a 00000001 00000000 00000000  00000000 00000000 00000000 00000000",
    "00000008  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000106 00000002 00000000 00000000  00000000 00000000 00000000 00000000",
  ];
  const entry = (state: string, port: number) =>
    `ipv4     2 tcp      6 ${state === "TIME_WAIT" ? 110 : 431990} ${state} src=10.244.1.7 dst=10.96.0.10 sport=${port} dport=80 src=10.244.2.9 dst=10.244.1.7 sport=80 dport=${port} [ASSURED] mark=0 zone=0 use=2`;
  const TABLE = [
    ...Array.from({ length: 6 }, (_, i) => entry("TIME_WAIT", 40000 + i)),
    entry("ESTABLISHED", 41000),
    "ipv4     2 udp      17 25 src=10.244.1.7 dst=10.96.0.10 sport=53000 dport=53 src=10.244.3.3 dst=10.244.1.7 sport=53 dport=53000 mark=0 zone=0 use=2",
  ];
  const root = path.join(tmp, "conntrack");

  function withTable(max: string): string {
    fs.rmSync(root, { recursive: true, force: true });
    fs.cpSync(proc, path.join(root, "proc"), { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(path.join(root, "proc/net/stat"), { recursive: true });
    fs.writeFileSync(path.join(root, "proc/net/stat/nf_conntrack"), STAT.join("\n") + "\n");
    fs.writeFileSync(path.join(root, "proc/net/nf_conntrack"), TABLE.join("\n") + "\n");
    fs.writeFileSync(path.join(root, "proc/sys/net/netfilter/nf_conntrack_max"), `${max}\n`);
    fs.writeFileSync(path.join(root, "proc/sys/net/netfilter/nf_conntrack_count"), "8\n");
    return probe(["sh"], { TWSCOPE_PROC: path.join(root, "proc") });
  }

  it("sums the failure counters over the CPUs and counts the table's TCP entries in TIME_WAIT", () => {
    const bundle = withTable("12");
    const lines = bundle
      .slice(bundle.indexOf("@@conntrack\n") + 12, bundle.indexOf("@@end\n"))
      .split("\n")
      .filter(Boolean);
    expect(lines[0]).toBe("stat insert_failed 272 drop 3 early_drop 0");
    expect(lines[1]).toBe("entries 8 tcp 7 time-wait 6");
    expect(lines[2]).toMatch(/^at \d+$/);
    expect(parseProbeBundle(bundle).conntrack).toMatchObject({
      entries: 8,
      tcp: 7,
      timeWait: 6,
      insertFailed: 272,
      drop: 3,
      truncated: false,
    });
  });

  it("makes a finding of TIME_WAIT entries that fill the table, with its headroom and the failed inserts", () => {
    const full = analyzeInEnglish(parseProbeBundle(withTable("12"))).findings.find((f) => f.ruleId === "conntrack-time-wait");
    expect(full).toMatchObject({ severity: "critical", title: "TIME_WAIT entries hold 50% of the conntrack table" });
    expect(full!.evidence).toEqual(
      expect.arrayContaining([
        "6 TCP entries in TIME_WAIT = 50% of nf_conntrack_max 12 and 75% of the 8 entries in the table",
        "nf_conntrack_count 8: headroom 4 entries (33% of the table)",
        "since boot: insert_failed 272, drop 3, early_drop 0 (insert_failed rises when NAT finds no free source port)",
      ]),
    );
    const roomy = analyzeInEnglish(parseProbeBundle(withTable("262144"))).findings;
    expect(roomy.some((f) => f.ruleId === "conntrack-time-wait")).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "says the table could not be read by an account that is not root, and still reads the statistics",
    () => {
      fs.chmodSync(tmp, 0o755);
      withTable("12");
      fs.chmodSync(path.join(root, "proc/net/nf_conntrack"), 0o440);
      try {
        const res = spawnSync("sh", ["-s"], {
          input: SCRIPT,
          encoding: "utf8",
          uid: 65534,
          gid: 65534,
          env: {
            NODE_ENV: "test",
            PATH: process.env.PATH,
            TWSCOPE_PROC: path.join(root, "proc"),
            TWSCOPE_SS: "none",
            TWSCOPE_ETC_ROOT: "/nonexistent",
          },
        });
        const sample = parseProbeBundle(res.stdout);
        expect(sample.conntrack).toMatchObject({ entries: null, timeWait: null, insertFailed: 272 });
        expect(sample.problems).toContain(`conntrack: denied ${path.join(root, "proc/net/nf_conntrack")}`);
      } finally {
        fs.chmodSync(tmp, 0o700);
      }
    },
  );
});
