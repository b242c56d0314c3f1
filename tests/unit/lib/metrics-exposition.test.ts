import { describe, expect, it } from "vitest";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { escapeLabelValue, renderExposition, type MetricFamily } from "@/lib/metrics/exposition";
import { hostFamilies, type HostMetricsInput } from "@/lib/metrics/host-metrics";
import { timeWaitNow } from "@/lib/sample/facts";
import type { HostSample } from "@/lib/types";
import { readFixture } from "../../support/fixtures";

const gauge = (name: string, samples: MetricFamily["samples"], help = "h"): MetricFamily => ({ name, help, type: "gauge", samples });

describe("renderExposition()", () => {
  it("escapes backslash, double quote and newline in label values, and only those", () => {
    expect(escapeLabelValue('a\\b"c\nd\te')).toBe('a\\\\b\\"c\\nd\te');
    const text = renderExposition([gauge("t_x", [{ labels: { host: 'we"ird\\host\nname' }, value: 1 }])]);
    expect(text).toContain('t_x{host="we\\"ird\\\\host\\nname"} 1\n');
  });

  it("writes HELP and TYPE once per family, before its samples, with HELP's backslash and newline escaped", () => {
    const text = renderExposition([
      gauge(
        "t_a",
        [
          { labels: { host: "a" }, value: 1 },
          { labels: { host: "b" }, value: 2.5 },
        ],
        "line one\nback\\slash",
      ),
      { name: "t_events_total", help: "events", type: "counter", samples: [{ labels: {}, value: 7 }] },
    ]);
    expect(text).toBe(
      [
        "# HELP t_a line one\\nback\\\\slash",
        "# TYPE t_a gauge",
        't_a{host="a"} 1',
        't_a{host="b"} 2.5',
        "# HELP t_events_total events",
        "# TYPE t_events_total counter",
        "t_events_total 7",
        "",
      ].join("\n"),
    );
  });

  it("writes NaN and infinities as Prometheus spells them, and leaves out a family with no sample", () => {
    const text = renderExposition([
      gauge("t_v", [
        { labels: { k: "nan" }, value: NaN },
        { labels: { k: "inf" }, value: Infinity },
        { labels: { k: "ninf" }, value: -Infinity },
      ]),
      gauge("t_empty", []),
    ]);
    expect(text).toContain('t_v{k="nan"} NaN\nt_v{k="inf"} +Inf\nt_v{k="ninf"} -Inf\n');
    expect(text).not.toContain("t_empty");
  });

  it.each([
    ["a counter not ending in _total", [{ name: "t_events", help: "h", type: "counter", samples: [] }], /must end in _total/],
    ["a family given twice", [gauge("t_a", []), gauge("t_a", [])], /given twice/],
    [
      "a series given twice",
      [
        gauge("t_a", [
          { labels: { host: "a" }, value: 1 },
          { labels: { host: "a" }, value: 2 },
        ]),
      ],
      /given twice/,
    ],
    ["a bad metric name", [gauge("t-a", [])], /not a metric name/],
    ["a reserved label name", [gauge("t_a", [{ labels: { __name__: "x" }, value: 1 }])], /not a label name/],
  ])("refuses %s", (_what, families, message) => {
    expect(() => renderExposition(families as MetricFamily[])).toThrow(message);
  });
});

const SAMPLE = parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));
const AT = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A sample with `n` destinations and `n` listening ports, each with a different count. */
function manyGroups(n: number): HostSample {
  return {
    ...SAMPLE,
    timeWait: {
      ...SAMPLE.timeWait,
      byPeer: Array.from({ length: n }, (_, i) => ({ peer: `10.0.0.${i}:443`, count: i + 1 })),
      byListeningPort: Array.from({ length: n }, (_, i) => ({ port: 8000 + i, count: i + 1 })),
    },
  };
}

const seriesOf = (families: MetricFamily[], name: string) => families.find((f) => f.name === name)?.samples ?? [];
const host = (sample: HostSample | null, name = "web-1"): HostMetricsInput => ({
  name,
  status: "ok",
  latest: sample && { at: AT, durationMs: 250, sample },
});

describe("hostFamilies()", () => {
  it("exports the busiest topN destinations and listening ports per host only, busiest first", () => {
    const families = hostFamilies([host(manyGroups(40)), host(manyGroups(3), "web-2")], { topN: 10, now: AT });
    const dest = seriesOf(families, "twscope_destination_time_wait");
    expect(dest.filter((s) => s.labels.host === "web-1").map((s) => s.value)).toEqual([40, 39, 38, 37, 36, 35, 34, 33, 32, 31]);
    expect(dest.filter((s) => s.labels.host === "web-2")).toHaveLength(3);
    expect(seriesOf(families, "twscope_listen_port_time_wait").filter((s) => s.labels.host === "web-1")).toHaveLength(10);
    expect(seriesOf(families, "twscope_destination_port_headroom_ratio").filter((s) => s.labels.host === "web-1")).toHaveLength(10);
    expect(
      hostFamilies([host(manyGroups(40))], { topN: 0, now: AT }).some(
        (f) => f.name === "twscope_destination_time_wait" && f.samples.length,
      ),
    ).toBe(false);
  });

  it("gives headroom as 1 - count / ip_local_port_range size, and the range's bounds", () => {
    const sample = { ...manyGroups(1), sysctls: { ...SAMPLE.sysctls, "net.ipv4.ip_local_port_range": "32768 32867" } };
    const families = hostFamilies([host(sample)], { topN: 10, now: AT });
    expect(seriesOf(families, "twscope_port_range_size")[0]!.value).toBe(100);
    expect(seriesOf(families, "twscope_port_range_low")[0]!.value).toBe(32768);
    expect(seriesOf(families, "twscope_destination_port_headroom_ratio")[0]).toEqual({
      labels: { host: "web-1", destination: "10.0.0.0:443" },
      value: 0.99,
    });
  });

  it("exports TIME_WAIT as the kernel's count, the counters as _total counters, and the sample's age", () => {
    const families = hostFamilies([host(SAMPLE)], { topN: 10, now: AT + 30_000 });
    expect(seriesOf(families, "twscope_time_wait")).toEqual([{ labels: { host: "web-1" }, value: timeWaitNow(SAMPLE) }]);
    expect(seriesOf(families, "twscope_tcpext_tw_total")[0]!.value).toBe(SAMPLE.counters["TcpExt.TW"]);
    expect(families.filter((f) => f.type === "counter").every((f) => f.name.endsWith("_total"))).toBe(true);
    expect(seriesOf(families, "twscope_sample_age_seconds")[0]!.value).toBe(30);
    expect(seriesOf(families, "twscope_poll_duration_seconds")[0]!.value).toBe(0.25);
    expect(seriesOf(families, "twscope_sysctl").map((s) => s.labels.name)).toContain("net.ipv4.tcp_tw_reuse");
  });

  it("leaves TIME_WAIT out when the sample has no count, and gives a host without a sample only its status", () => {
    const blind = {
      ...SAMPLE,
      sockstat: { ...SAMPLE.sockstat, tcpTw: null },
      states: {},
      socketSource: null,
      timeWait: { ...SAMPLE.timeWait, total: 0 },
    };
    const families = hostFamilies([host(blind), { name: "new", status: "pending", latest: null }], { topN: 10, now: AT });
    expect(seriesOf(families, "twscope_time_wait")).toEqual([]);
    const names = families.filter((f) => f.samples.some((s) => s.labels.host === "new")).map((f) => f.name);
    expect(names).toEqual(["twscope_host_up", "twscope_host_status"]);
    expect(seriesOf(families, "twscope_host_status").filter((s) => s.labels.host === "new" && s.value === 1)).toEqual([
      { labels: { host: "new", status: "pending" }, value: 1 },
    ]);
  });
});
