import { describe, expect, it } from "vitest";
import { renderAnnotations, summaryWithoutHost, evidenceLines } from "@/lib/alerts/annotations";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { alertSubject, describeParams, describeSelector, ruleName } from "@/lib/alerts/describe-rule";
import { msg } from "@/lib/i18n/message";
import { chinese, english } from "../../support/i18n";

const rule = (id: string) => BUILTIN_RULES.find((r) => r.id === id)!;

describe("rules in words", () => {
  it("describes a rule's condition in English as before, and in Chinese", () => {
    expect(describeParams(english, rule("destination-port-use"))).toBe("≥ 70 % of the local port range toward one destination");
    expect(describeParams(chinese, rule("destination-port-use"))).toBe("到单个目标地址占用本地端口范围 ≥ 70 %");
    const both = { kind: "time-wait" as const, params: { count: 12000, percentOfBuckets: 80 } };
    expect(describeParams(english, both)).toBe("TIME_WAIT ≥ 12,000 or ≥ 80 % of tcp_max_tw_buckets");
    expect(describeParams(chinese, both)).toBe("TIME_WAIT ≥ 12,000 或 ≥ tcp_max_tw_buckets 的 80 %");
    expect(describeParams(english, rule("host-unreachable"))).toBe("the last poll ended unreachable or timeout");
  });

  it("names the hosts a rule applies to", () => {
    const name = (id: number) => `web-${id}`;
    expect(describeSelector(english, { hosts: [], tags: [] }, name)).toBe("all hosts");
    expect(describeSelector(english, { hosts: [1, 2], tags: ["edge"] }, name)).toBe("tag edge or hosts web-1, web-2");
    expect(describeSelector(chinese, { hosts: [1], tags: [] }, name)).toBe("主机 web-1");
  });

  it("shows a built-in rule's shipped name in the reader's language, and a renamed one as written", () => {
    expect(ruleName(english, rule("destination-port-use"))).toBe("Local ports toward one destination running out");
    expect(ruleName(chinese, rule("destination-port-use"))).toBe("到单个目标地址的本地端口即将耗尽");
    expect(ruleName(chinese, { id: "destination-port-use", name: "Ports" })).toBe("Ports");
    expect(ruleName(chinese, { id: "mine", name: "My rule" })).toBe("My rule");
  });

  it("writes an alert's subject with its namespace, destination and port", () => {
    const labels = { finding: "client-port-exhaustion", namespace: "pod/web", destination: "10.0.0.9:80" };
    expect(alertSubject(english, { labels })).toBe("client-port-exhaustion in pod/web → 10.0.0.9:80");
    expect(alertSubject(chinese, { labels: { port: "8080" } })).toBe("端口 8080");
  });
});

describe("stored alert annotations", () => {
  const stored = {
    summary: msg("notify.summary", { host: "web-1", summary: msg("notify.condition.hostStale.summary") }),
    description: [msg("notify.condition.hostStale.evidence")],
    rule: "Host data stale",
    url: "https://twscope.example/hosts/1",
  };
  const legacy = { summary: "web-1: No fresh sample for 3 poll intervals", description: "one\ntwo", rule: "Host data stale" };

  it("renders messages in the reader's language and legacy strings as they are", () => {
    expect(renderAnnotations(english, stored)).toEqual({
      summary: "web-1: No fresh sample for 3 poll intervals",
      description: "the newest sample is older than 3 poll intervals",
      rule: "Host data stale",
      url: "https://twscope.example/hosts/1",
    });
    expect(renderAnnotations(chinese, stored).summary).toBe("web-1：已超过 3 个采集周期没有新的采样");
    expect(renderAnnotations(chinese, legacy)).toEqual(legacy);
  });

  it("gives a list the summary without its host and the evidence line by line", () => {
    expect(summaryWithoutHost(chinese, stored, "web-1")).toBe("已超过 3 个采集周期没有新的采样");
    expect(summaryWithoutHost(chinese, legacy, "web-1")).toBe("No fresh sample for 3 poll intervals");
    expect(evidenceLines(english, legacy)).toEqual(["one", "two"]);
    expect(evidenceLines(chinese, stored)).toEqual(["最新一次采样已早于 3 个采集周期"]);
  });
});
