import { describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { CANNOT_JUDGE, conditionsOf, type HostFacts } from "@/lib/alerts/conditions";
import { parseParams, selects, type AlertRule } from "@/lib/alerts/rule";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { HostSample } from "@/lib/types";
import { renderText, type StoredText } from "@/lib/i18n/message";
import { readFixture } from "../../support/fixtures";
import { chinese, english } from "../../support/i18n";

const lab = (name: string) => parseProbeBundle(readFixture("bundles", "lab", `${name}.txt`));
const rule = (id: string, patch: Partial<AlertRule> = {}) => ({ ...BUILTIN_RULES.find((r) => r.id === id)!, ...patch }) as AlertRule;
const host = { id: 7, name: "h", tags: ["edge"], status: "ok" as const, transport: "ssh" as const };

function facts(sample: HostSample | null, patch: Partial<HostFacts> = {}): HostFacts {
  return { host, sample, rates: null, findings: sample ? analyzeSample(sample).findings : [], stale: false, ...patch };
}

describe("alert conditions", () => {
  it("raises one finding alert per warning or critical finding, labelled with the advisor rule and its destination", () => {
    const c = conditionsOf(rule("advisor-finding"), facts(lab("client-port-exhaustion")));
    expect(c).toEqual([
      expect.objectContaining({
        subject: "client-port-exhaustion destination=198.18.0.10:8080",
        severity: "critical",
        labels: { finding: "client-port-exhaustion", destination: "198.18.0.10:8080" },
      }),
      expect.objectContaining({ subject: "port-range-narrow", severity: "warning", labels: { finding: "port-range-narrow" } }),
    ]);
    const criticalOnly = conditionsOf(
      rule("advisor-finding", { params: { minSeverity: "critical" } }),
      facts(lab("client-port-exhaustion")),
    );
    expect((criticalOnly as { subject: string }[]).map((x) => x.subject)).toEqual(["client-port-exhaustion destination=198.18.0.10:8080"]);
  });

  it("judges port use and connection rate destination by destination, against the port range", () => {
    const s = lab("client-port-exhaustion");
    s.timeWait.byPeer = [
      { peer: "10.0.0.1:80", count: 800 },
      { peer: "10.0.0.2:80", count: 600 },
    ];
    const use = conditionsOf(rule("destination-port-use"), facts(s)) as { subject: string; value: number }[];
    expect(use.map((x) => [x.subject, x.value])).toEqual([["destination=10.0.0.1:80", 0.8]]);
    // 800 over 60 s = 13.3/s against 1,000 / 60 s = 16.7/s: 80 %, at the 80 % threshold; 600 → 60 %, below.
    const rate = conditionsOf(rule("destination-connect-rate"), facts(s)) as { subject: string; evidence: StoredText[] }[];
    expect(rate.map((x) => x.subject)).toEqual(["destination=10.0.0.1:80"]);
    expect(renderText(english, rate[0]!.evidence[0]!)).toContain("= 80% of the 17/s the 1,000-port range sustains");
    expect(renderText(chinese, rate[0]!.evidence[0]!)).toContain("占 1,000 个本地端口所能承受的 17/s（端口数 / 60 s）的 80%");
  });

  it("takes TIME_WAIT as a count or as a share of tcp_max_tw_buckets, and cannot judge a share without the setting", () => {
    const s = lab("tw-bucket-overflow");
    const share = conditionsOf(rule("time-wait-high"), facts(s));
    expect(share).toHaveLength(1);
    const count = rule("time-wait-high", { params: parseParams("time-wait", { count: 1_000_000 }) });
    expect(conditionsOf(count, facts(s))).toEqual([]);
    delete s.sysctls["net.ipv4.tcp_max_tw_buckets"];
    expect(conditionsOf(rule("time-wait-high"), facts(s))).toBe(CANNOT_JUDGE);
  });

  it("cannot judge sample rules without a fresh sample, but judges host status rules", () => {
    expect(conditionsOf(rule("destination-port-use"), facts(null))).toBe(CANNOT_JUDGE);
    expect(conditionsOf(rule("advisor-finding"), facts(null))).toBe(CANNOT_JUDGE);
    expect(conditionsOf(rule("tw-overflow"), facts(lab("tw-bucket-overflow")))).toBe(CANNOT_JUDGE);
    expect(conditionsOf(rule("host-stale"), facts(null, { stale: true }))).toHaveLength(1);
    expect(conditionsOf(rule("host-unreachable"), facts(null, { host: { ...host, status: "timeout" } }))).toHaveLength(1);
    expect(conditionsOf(rule("host-unreachable"), facts(null, { host: { ...host, status: "auth-failed" } }))).toEqual([]);
    expect(conditionsOf(rule("host-key-mismatch"), facts(null, { host: { ...host, status: "host-key-mismatch" } }))).toHaveLength(1);
  });

  it("selects every host with an empty selector, else hosts by id or by any tag", () => {
    expect(selects({ hosts: [], tags: [] }, host)).toBe(true);
    expect(selects({ hosts: [7], tags: [] }, host)).toBe(true);
    expect(selects({ hosts: [8], tags: ["db"] }, host)).toBe(false);
    expect(selects({ hosts: [], tags: ["db", "edge"] }, host)).toBe(true);
  });

  it("refuses parameters that do not fit the kind", () => {
    expect(() => parseParams("port-use", { percent: 0 })).toThrow();
    expect(() => parseParams("time-wait", { count: null, percentOfBuckets: null })).toThrow(/set a count/);
    expect(parseParams("port-use", {})).toEqual({ percent: 70 });
  });
});

describe("alert texts", () => {
  it("keeps every condition's summary and evidence as data, rendered in either language", () => {
    const s = lab("tw-bucket-overflow");
    const texts = [
      ...(conditionsOf(rule("time-wait-high"), facts(s)) as { summary: StoredText; evidence: StoredText[] }[]),
      ...(conditionsOf(rule("host-stale"), facts(null, { stale: true })) as { summary: StoredText; evidence: StoredText[] }[]),
      ...(conditionsOf(rule("host-unreachable"), facts(null, { host: { ...host, status: "timeout" } })) as {
        summary: StoredText;
        evidence: StoredText[];
      }[]),
    ];
    expect(texts).toHaveLength(3);
    for (const c of texts) {
      for (const text of [c.summary, ...c.evidence]) {
        expect(typeof text).toBe("object");
        expect(renderText(english, text)).not.toBe(renderText(chinese, text));
      }
    }
    expect(renderText(english, texts[2]!.summary)).toBe("twscope cannot poll the host (timeout)");
    expect(renderText(chinese, texts[2]!.summary)).toBe("twscope 无法采集该主机（timeout）");
  });
});
