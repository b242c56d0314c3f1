import { describe, expect, it } from "vitest";
import { analyzeInEnglish } from "../../support/advice";
import { RULES } from "@/lib/advice/rules";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { computeRates, readingOf } from "@/lib/sample/rates";
import type { HostSample } from "@/lib/types";
import { readFixture } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";
import { renderText } from "@/lib/i18n/message";

const lab = (name: string) => parseProbeBundle(readFixture("bundles", "lab", `${name}.txt`));
const base = () => parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));
/** Rates between two samples taken `seconds` apart, as the collector computes them. */
const ratesBetween = (a: HostSample, b: HostSample, seconds = 15) => computeRates(readingOf(a, 0), readingOf(b, seconds * 1000));

describe("each lab scenario's bundle yields its finding", () => {
  it.each([
    ["web-active-close", "server-closes-first", "warning"],
    ["client-port-exhaustion", "client-port-exhaustion", "critical"],
    ["tw-bucket-overflow", "tw-buckets-overflow", "critical"],
    ["reuse-without-timestamps", "tw-reuse-without-timestamps", "warning"],
    ["fin-timeout-myth", "fin-timeout-lowered", "warning"],
    ["keepalive-healthy", "healthy", "info"],
    ["upstream", "healthy", "info"],
  ])("%s → %s (%s) first", (scenario, ruleId, severity) => {
    const { findings, worst } = analyzeInEnglish(lab(scenario));
    expect(findings[0]).toMatchObject({ ruleId, severity });
    expect(worst).toBe(severity);
  });

  it("says how much of the port range one destination holds, with the numbers", () => {
    const f = analyzeInEnglish(lab("client-port-exhaustion")).findings[0]!;
    expect(f.evidence[0]).toMatch(/^1,000 TIME_WAIT to 198\.18\.0\.10:8080 = 100% of the 1,000-port range \(40000–40999\)$/);
    expect(f.remedies.find((r) => r.id === "connection-pooling")?.applicability).toBe("recommended");
    expect(f.remedies.find((r) => r.id === "tcp-tw-recycle")).toMatchObject({
      applicability: "not-applicable",
      why: expect.stringMatching(/4\.12/),
    });
  });

  it("compares the new-connection rate with range / 60 s when there is history", () => {
    const rates = { ...ratesBetween(lab("client-port-exhaustion"), lab("client-port-exhaustion.later")), activeOpensPerSec: 50 };
    const f = analyzeInEnglish(lab("client-port-exhaustion.later"), rates).findings[0]!;
    expect(f.evidence[1]).toBe("new outgoing connections at 50/s against 17/s sustainable to one destination (range / 60 s)");
  });

  it("reports the overflow counter rising between two real samples", () => {
    const before = lab("tw-bucket-overflow");
    const after = lab("tw-bucket-overflow.later");
    const rates = ratesBetween(before, after, 5);
    expect(rates.twOverflowPerSec).toBeGreaterThan(0);
    const f = analyzeInEnglish(after, rates).findings[0]!;
    expect(f).toMatchObject({ ruleId: "tw-buckets-overflow", severity: "critical" });
    expect(f.evidence[1]).toMatch(/^TCPTimeWaitOverflow rising at [\d.]+\/s/);
  });
});

describe("tcp_tw_recycle across kernels", () => {
  it("a 3.10 host with recycle on and PAWSPassive rising is critical", () => {
    const before = parseProbeBundle(readFixture("bundles", "centos7-3.10.txt"));
    const after = structuredClone(before);
    after.counters["TcpExt.PAWSPassive"]! += 300;
    const f = analyzeInEnglish(after, ratesBetween(before, after)).findings[0]!;
    expect(f).toMatchObject({ ruleId: "tw-recycle-enabled", severity: "critical" });
    expect(f.evidence).toContain("PAWSPassive rising at 20/s: connection attempts dropped right now");
    expect(f.remedies).toEqual([expect.objectContaining({ id: "tcp-tw-recycle", applicability: "harmful" })]);
  });

  it("the same setting on 6.x is reported as not available, from the sysctl file that still sets it", () => {
    const text = readFixture("bundles", "localhost-6x.txt").replace(
      "@@sysctl-conf\n",
      "@@sysctl-conf\n/etc/sysctl.conf: net.ipv4.tcp_tw_recycle = 1\n",
    );
    const { findings } = analyzeInEnglish(parseProbeBundle(text));
    const f = findings.find((x) => x.ruleId === "tw-recycle-in-config")!;
    expect(f.severity).toBe("warning");
    expect(f.evidence[0]).toMatch(
      /^\/etc\/sysctl\.conf sets net\.ipv4\.tcp_tw_recycle = 1; Linux 6\.\S+ has no such setting \(removed in 4\.12\)/,
    );
    expect(f.remedies[0]).toMatchObject({ id: "tcp-tw-recycle", applicability: "not-applicable" });
    expect(findings.some((x) => x.ruleId === "tw-recycle-enabled")).toBe(false);
  });
});

describe("rules on crafted variations of a healthy 6.x sample", () => {
  const sysctl = (name: string, value: string) => (s: HostSample) => {
    s.sysctls[name] = value;
  };
  const cases: [string, (s: HostSample) => void, string, string][] = [
    [
      "tcp_tw_reuse on a server-side-only host",
      (s) => {
        s.sysctls["net.ipv4.tcp_tw_reuse"] = "1";
        Object.assign(s.timeWait, { total: 400, server: 400, client: 0, byListeningPort: [{ port: 443, count: 400 }], byPeer: [] });
      },
      "tw-reuse-server-side",
      "info",
    ],
    ["a conntrack table at 96%", sysctl("net.netfilter.nf_conntrack_count", "252000"), "conntrack-near-full", "critical"],
    ["a conntrack table at 85%", sysctl("net.netfilter.nf_conntrack_count", "223000"), "conntrack-near-full", "warning"],
    ["a same-parity port range", sysctl("net.ipv4.ip_local_port_range", "32768 61000"), "port-range-narrow", "info"],
    ["a tcp_max_tw_buckets lowered to 1000", sysctl("net.ipv4.tcp_max_tw_buckets", "1000"), "tw-buckets-lowered", "warning"],
    [
      "TIME_WAIT at 85% of tcp_max_tw_buckets",
      (s) => {
        s.sysctls["net.ipv4.tcp_max_tw_buckets"] = "50000";
        s.sockstat.tcpTw = 42500;
      },
      "tw-buckets-overflow",
      "warning",
    ],
    [
      "a runtime value a reboot would revert",
      (s) => {
        s.configuredSysctls = [{ file: "/etc/sysctl.d/60-tw.conf", key: "net.ipv4.tcp_tw_reuse", value: "1" }];
      },
      "runtime-differs-from-config",
      "info",
    ],
  ];

  it.each(cases)("%s", (_name, mutate, ruleId, severity) => {
    const s = base();
    mutate(s);
    expect(analyzeInEnglish(s).findings.find((f) => f.ruleId === ruleId)?.severity).toBe(severity);
  });

  it("says healthy, with evidence, when nothing is wrong", () => {
    const { findings, worst } = analyzeInEnglish(base());
    expect(worst).toBe("info");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: "healthy",
      evidence: [expect.stringMatching(/TIME_WAIT = 0% of tcp_max_tw_buckets \(131,072\)/), expect.any(String)],
    });
  });

  it("does not say healthy when any rule warns", () => {
    const s = base();
    s.sysctls["net.ipv4.tcp_fin_timeout"] = "10";
    s.sockstat.tcpTw = 5000;
    expect(analyzeInEnglish(s).findings.map((f) => f.ruleId)).toEqual(["fin-timeout-lowered"]);
  });

  it("prefers reading which file a reboot applies last (systemd-sysctl order)", () => {
    const s = base();
    s.configuredSysctls = [
      { file: "/etc/sysctl.conf", key: "net.ipv4.tcp_fin_timeout", value: "60" },
      { file: "/usr/lib/sysctl.d/99-vendor.conf", key: "net.ipv4.tcp_fin_timeout", value: "30" },
      { file: "/etc/sysctl.d/10-local.conf", key: "net.ipv4.tcp_fin_timeout", value: "15" },
    ];
    // Order: 10-local.conf, 99-vendor.conf, then /etc/sysctl.conf last: 60 wins, which equals the runtime value.
    expect(analyzeInEnglish(s).findings.some((f) => f.ruleId === "runtime-differs-from-config")).toBe(false);
  });
});

describe("the rule catalogue", () => {
  it("has unique kebab-case ids and a description for every rule", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(renderText(english, r.description).length).toBeGreaterThan(40);
      expect(renderText(chinese, r.description).length).toBeGreaterThan(20);
      expect(renderText(chinese, r.title)).not.toBe(renderText(english, r.title));
    }
  });
});
