import { describe, expect, it } from "vitest";
import { analyzeInEnglish } from "../../support/advice";
import { twBucketsDefault } from "@/lib/advice/tw-buckets-default";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { parsePlainBundle } from "@/lib/bundle/plain/parse-plain-bundle";
import { aggregateSockets } from "@/lib/bundle/plain/socket-lists";
import type { SocketRow } from "@/lib/bundle/plain/socket-tables";
import type { HostSample } from "@/lib/types";
import { withTimeWait } from "../../support/breakdown-samples";
import { readFixture } from "../../support/fixtures";
import { NO_RATES } from "../../support/rates";

/** A healthy 6.x host (localhost-6x: 32 GiB-class defaults, tcp_max_tw_buckets 131,072, range 32768–60999). */
const base = () => parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));
const find = (s: HostSample, ruleId: string) => analyzeInEnglish(s).findings.find((f) => f.ruleId === ruleId);

describe("findings that do not hide each other", () => {
  it("keeps the server-side finding on port 2397 when 1,500 client-side sockets appear elsewhere, and reports both", () => {
    const alone = withTimeWait(base(), [[2397, 2000]], [["10.0.0.9:5432", 24]]);
    expect(find(alone, "server-closes-first")?.title).toBe("The server on port 2397 closes connections first");
    const both = withTimeWait(
      base(),
      [[2397, 2000]],
      [
        ["10.0.0.9:5432", 1500],
        ["10.0.0.10:6379", 24],
      ],
    );
    const { findings, verdict } = analyzeInEnglish(both);
    expect(verdict).toBe("warning");
    expect(findings.find((f) => f.ruleId === "server-closes-first")).toMatchObject({
      severity: "warning",
      evidence: ["2,000 TIME_WAIT on listening port 2397 = 57% of all 3,524: about 33/s connections closed here first over the last 60 s"],
    });
    expect(findings.find((f) => f.ruleId === "client-churn")).toMatchObject({
      severity: "info",
      title: "Short connections to 10.0.0.9:5432: 1,500 in TIME_WAIT",
      evidence: ["1,500 TIME_WAIT to 10.0.0.9:5432: about 25/s new connections over the last 60 s, 5% of the 28,232-port range"],
    });
    expect(findings.some((f) => f.ruleId === "healthy")).toBe(false);
  });

  it("names every listening port over the threshold, not only the top one", () => {
    const s = withTimeWait(
      base(),
      [
        [443, 3000],
        [8443, 900],
        [9000, 40],
      ],
      [],
    );
    const f = find(s, "server-closes-first")!;
    expect(f.evidence.slice(0, 2)).toEqual([
      "3,000 TIME_WAIT on listening port 443 = 76% of all 3,940: about 50/s connections closed here first over the last 60 s",
      "900 TIME_WAIT on listening port 8443 = 23% of all 3,940: about 15/s connections closed here first over the last 60 s",
    ]);
    expect(f.evidence).toContain("3,940 server side on 3 ports in all");
  });

  it("judges each destination against the range: one exhausted, one churning under 50%, both named", () => {
    const s = base();
    s.sysctls["net.ipv4.ip_local_port_range"] = "40000 49999";
    withTimeWait(
      s,
      [],
      [
        ["10.0.0.5:8080", 9500],
        ["10.0.0.6:8080", 6000],
        ["10.0.0.7:8080", 2600],
      ],
    );
    const { findings } = analyzeInEnglish(s);
    expect(findings.find((f) => f.ruleId === "client-port-exhaustion")).toMatchObject({
      severity: "critical",
      title: "Local ports to 10.0.0.5:8080 exhausted",
      evidence: [
        "9,500 TIME_WAIT to 10.0.0.5:8080 = 95% of the 10,000-port range (40000–49999)",
        "6,000 TIME_WAIT to 10.0.0.6:8080 = 60% of the 10,000-port range (40000–49999)",
      ],
    });
    // 26% of the range: not exhaustion, yet a warning of its own.
    expect(findings.find((f) => f.ruleId === "client-churn")).toMatchObject({
      severity: "warning",
      title: "Short connections to 10.0.0.7:8080: 2,600 in TIME_WAIT",
    });
  });
});

describe("TIME_WAIT on a fixed port that no longer listens", () => {
  const tw = (local: string, peer: string): SocketRow => ({ state: "TIME-WAIT", local, peer });
  const rows: SocketRow[] = [
    { state: "LISTEN", local: "0.0.0.0:8080", peer: "0.0.0.0:*" },
    ...Array.from({ length: 6 }, (_, i) => tw("10.0.0.1:2398", `10.0.1.${i}:${50000 + i}`)),
    ...Array.from({ length: 2 }, (_, i) => tw("10.0.0.1:8080", `10.0.2.1:${51000 + i}`)),
    ...Array.from({ length: 3 }, (_, i) => tw(`10.0.0.1:${40000 + i}`, "10.0.0.5:5432")),
  ];

  it("aggregateSockets() counts it as server side, marked not listening, when the port range is known", () => {
    const { timeWait } = aggregateSockets(rows, [], { low: 32768, high: 60999 });
    expect(timeWait).toMatchObject({
      total: 11,
      server: 8,
      client: 3,
      serverPorts: 2,
      clientPeers: 1,
      serverNotListening: 6,
      byListeningPort: [
        { port: 2398, count: 6, listening: false },
        { port: 8080, count: 2 },
      ],
      byPeer: [{ peer: "10.0.0.5:5432", count: 3 }],
    });
    expect(timeWait.byListeningPort[1]).not.toHaveProperty("listening");
  });

  it("aggregateSockets() leaves it client side when the port range is unknown (nothing guessed)", () => {
    expect(aggregateSockets(rows).timeWait).toMatchObject({ server: 2, client: 9, serverNotListening: 0 });
  });

  it("a pasted ss list with sysctl output classifies it the same way", () => {
    const text = [
      "### sysctl net.ipv4.ip_local_port_range",
      "net.ipv4.ip_local_port_range = 32768\t60999",
      "### ss -tan",
      "State      Recv-Q Send-Q Local Address:Port Peer Address:Port",
      ...rows.map((r) => `${r.state.padEnd(10)} 0      0      ${r.local}      ${r.peer}`),
      "",
    ].join("\n");
    const { sample } = parsePlainBundle(text);
    expect(sample.timeWait).toMatchObject({ server: 8, client: 3, serverNotListening: 6 });
    expect(sample.timeWait.byListeningPort[0]).toEqual({ port: 2398, count: 6, listening: false });
  });

  it("is reported as a server-side finding that says the port is not listening, not as churn toward 2,006 destinations", () => {
    const s = withTimeWait(base(), [[2398, 2000]], [], false);
    const f = find(s, "server-closes-first")!;
    expect(f.title).toBe("Connections on port 2398 were closed here first (no longer listening)");
    expect(f.evidence[0]).toMatch(/^2,000 TIME_WAIT on port 2398 \(not listening now, outside ip_local_port_range\) = 100% of all 2,000: /);
  });

  it("reads the probe's not-listening mark and total from a bundle", () => {
    const text = readFixture("bundles", "localhost-6x.txt")
      .replace("@@tw-server\n", "@@tw-server\n2398 2000 not-listening\n")
      .replace(/server-not-listening 0/, "server-not-listening 2000");
    const s = parseProbeBundle(text);
    expect(s.timeWait.byListeningPort[0]).toEqual({ port: 2398, count: 2000, listening: false });
    expect(s.timeWait.serverNotListening).toBe(2000);
  });
});

describe("values a reboot applies", () => {
  const conf = (key: string, value: string, file = "/etc/sysctl.d/90-tuning.conf", line = 4) => ({ file, key, value, line });

  it.each([
    [
      "tcp_max_tw_buckets lowered to 5,000",
      conf("net.ipv4.tcp_max_tw_buckets", "5000"),
      "warning",
      /^\/etc\/sysctl\.d\/90-tuning\.conf line 4: net\.ipv4\.tcp_max_tw_buckets = 5000 lowers tcp_max_tw_buckets to 5,000 \(default here at least 131,072: .*MemTotal 31\.3 GiB.*\).*applies at next boot \(running value 131072\)$/,
    ],
    [
      "tcp_fin_timeout lowered",
      conf("net.ipv4.tcp_fin_timeout", "15"),
      "info",
      /line 4: net\.ipv4\.tcp_fin_timeout = 15 lowers tcp_fin_timeout to 15, which bounds FIN_WAIT_2 and does not shorten TIME_WAIT; applies at next boot \(running value 60\)$/,
    ],
    [
      "a narrow port range",
      conf("net.ipv4.ip_local_port_range", "50000 50999"),
      "warning",
      /sets ip_local_port_range to 50000 50999: 1,000 ports, fewer than 10,000/,
    ],
    ["a same-parity port range", conf("net.ipv4.ip_local_port_range", "32768 61000"), "info", /both ends are even/],
    [
      "a port range over listening port 18080",
      conf("net.ipv4.ip_local_port_range", "10000 65000"),
      "info",
      /listening port\(s\) 18080, 18081, 18090, 18091, 18092 inside the range/,
    ],
  ])("%s gets its own finding, with the file and line", (_name, entry, severity, evidence) => {
    const s = base();
    s.memTotalKb = 32_826_412;
    s.configuredSysctls = [entry];
    const f = find(s, "config-applies-at-boot")!;
    expect(f.severity).toBe(severity);
    expect(f.title).toMatch(/^Applies at next boot: \/etc\/sysctl\.d\/90-tuning\.conf line 4 sets /);
    expect(f.evidence).toEqual([expect.stringMatching(evidence)]);
    // Reported once: not again as a plain runtime difference.
    expect(find(s, "runtime-differs-from-config")).toBeUndefined();
  });

  it("a tcp_tw_recycle line on a kernel that still has it turns it on at boot", () => {
    const s = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    s.sysctls["net.ipv4.tcp_tw_recycle"] = "0";
    s.configuredSysctls = [conf("net.ipv4.tcp_tw_recycle", "1", "/etc/sysctl.conf", 12)];
    const f = find(s, "config-applies-at-boot")!;
    expect(f.severity).toBe("warning");
    expect(f.evidence[0]).toMatch(
      /^\/etc\/sysctl\.conf line 12: net\.ipv4\.tcp_tw_recycle = 1 turns tcp_tw_recycle on \(Linux 3\.10\.0-1160\.el7\.x86_64 still has it\).*running value 0\)$/,
    );
  });

  it("names the line of a dead tcp_tw_recycle setting on 6.x", () => {
    const s = base();
    s.configuredSysctls = [conf("net.ipv4.tcp_tw_recycle", "1", "/etc/sysctl.conf", 7)];
    expect(find(s, "tw-recycle-in-config")?.evidence[0]).toMatch(/^\/etc\/sysctl\.conf line 7 sets net\.ipv4\.tcp_tw_recycle = 1;/);
  });

  it("reads line numbers from the probe's section and still reads older probes' lines without them", () => {
    const text = readFixture("bundles", "localhost-6x.txt").replace(
      "@@sysctl-conf\n",
      "@@sysctl-conf\n/etc/sysctl.d/90-tuning.conf:4: net.ipv4.tcp_max_tw_buckets = 5000\n/etc/sysctl.conf: net.ipv4.tcp_fin_timeout = 30\n",
    );
    expect(parseProbeBundle(text).configuredSysctls).toEqual([
      { file: "/etc/sysctl.d/90-tuning.conf", line: 4, key: "net.ipv4.tcp_max_tw_buckets", value: "5000" },
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_fin_timeout", value: "30" },
    ]);
  });
});

describe("tcp_max_tw_buckets against this host's default", () => {
  it.each([
    [1_000_000, 4096],
    [2_000_000, 8192],
    [3_900_000, 16_384],
    [16_000_000, 65_536],
    [32_826_412, 131_072],
    [512_000_000, 262_144],
  ])("MemTotal %i kB gives a default of at least %i", (kb, expected) => {
    expect(twBucketsDefault(kb)?.atLeast).toBe(expected);
  });

  it("reports 5,000, a common guide value, on a host whose default is far higher, saying how the default was found", () => {
    const s = base();
    s.memTotalKb = 16_314_312;
    s.sysctls["net.ipv4.tcp_max_tw_buckets"] = "5000";
    const f = find(s, "tw-buckets-lowered")!;
    expect(f.severity).toBe("warning");
    expect(f.evidence[0]).toMatch(
      /^tcp_max_tw_buckets = 5,000: default here at least 65,536: half the established hash, which the kernel sizes at one slot per 128 KiB of memory \(MemTotal 15\.6 GiB/,
    );
  });

  it("does not call a host's own default lowered", () => {
    const s = base();
    s.memTotalKb = 16_314_312;
    s.sysctls["net.ipv4.tcp_max_tw_buckets"] = "65536";
    expect(find(s, "tw-buckets-lowered")).toBeUndefined();
  });

  it("without MemTotal, still reports 5,000 as set by hand (defaults are powers of two)", () => {
    const s = base();
    s.sysctls["net.ipv4.tcp_max_tw_buckets"] = "5000";
    expect(find(s, "tw-buckets-lowered")).toMatchObject({
      severity: "info",
      evidence: [expect.stringMatching(/set by hand .*MemTotal unknown/)],
    });
  });
});

describe("TCPTimeWaitOverflow as evidence on its own", () => {
  it("since boot, with one sample, far below the limit", () => {
    const s = base();
    s.counters["TcpExt.TCPTimeWaitOverflow"] = 420;
    expect(find(s, "tw-buckets-overflow")).toMatchObject({
      severity: "warning",
      title: "TIME_WAIT sockets were destroyed at the tcp_max_tw_buckets limit since boot",
      evidence: ["46 TIME_WAIT = 0% of tcp_max_tw_buckets (131,072)", expect.stringMatching(/^TCPTimeWaitOverflow = 420 since boot/)],
    });
  });

  it("rising, with tcp_max_tw_buckets unknown", () => {
    const s = base();
    delete s.sysctls["net.ipv4.tcp_max_tw_buckets"];
    const rates = { ...NO_RATES, twOverflowPerSec: 3 };
    const f = analyzeInEnglish(s, rates).findings.find((x) => x.ruleId === "tw-buckets-overflow")!;
    expect(f).toMatchObject({
      severity: "critical",
      evidence: [
        "tcp_max_tw_buckets unknown",
        "TCPTimeWaitOverflow rising at 3.0/s: closing connections get no TIME_WAIT socket, the table is full",
      ],
    });
  });
});

describe("a TIME_WAIT length set by tcp_tw_timeout (vendor kernels)", () => {
  it("uses the host's length in the sustainable rate and never says 60 s", () => {
    const s = base();
    s.sysctls["net.ipv4.tcp_tw_timeout"] = "30";
    s.sysctls["net.ipv4.ip_local_port_range"] = "40000 40999";
    withTimeWait(s, [], [["198.18.0.10:8080", 1000]]);
    const rates = { ...NO_RATES, activeOpensPerSec: 50 };
    const { findings, coverage } = analyzeInEnglish(s, rates);
    const f = findings.find((x) => x.ruleId === "client-port-exhaustion")!;
    expect(f.evidence).toContain("new outgoing connections at 50/s against 33/s sustainable to one destination (range / 30 s)");
    expect(coverage.find((c) => c.check === "sysctl values")?.detail).toMatch(/TIME_WAIT lasts 30 s \(tcp_tw_timeout\)/);
    expect(JSON.stringify(findings)).not.toMatch(/60 s/);
  });

  it("says tcp_fin_timeout does not change it, naming tcp_tw_timeout", () => {
    const s = base();
    s.sysctls["net.ipv4.tcp_tw_timeout"] = "20";
    s.sysctls["net.ipv4.tcp_fin_timeout"] = "10";
    const f = find(s, "fin-timeout-lowered")!;
    expect(f.evidence[0]).toMatch(/which lasts tcp_tw_timeout = 20 s here, whatever tcp_fin_timeout is$/);
    expect(f.evidence[0]).not.toMatch(/60 s/);
  });

  it("says 60 s is fixed only where the input shows the kernel lacks tcp_tw_timeout", () => {
    const probed = base(); // the probe printed "! missing net.ipv4.tcp_tw_timeout"
    probed.sysctls["net.ipv4.tcp_fin_timeout"] = "10";
    expect(find(probed, "fin-timeout-lowered")?.evidence[0]).toMatch(/which lasts 60 s regardless \(this kernel has no tcp_tw_timeout\)$/);
    const older = parseProbeBundle(readFixture("bundles", "lab", "fin-timeout-myth.txt")); // a probe that did not read it
    expect(find(older, "fin-timeout-lowered")?.evidence[0]).toMatch(
      /60 s in mainline Linux regardless \(the input does not show whether this kernel has a vendor tcp_tw_timeout\)$/,
    );
  });
});
