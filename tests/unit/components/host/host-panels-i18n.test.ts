import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartTooltip } from "@/components/chart/chart-tooltip";
import { ConntrackPanel } from "@/components/host/conntrack-panel";
import { SysctlsTable } from "@/components/host/sysctls-table";
import { TimeWaitTables } from "@/components/host/time-wait-tables";
import type { Locale } from "@/lib/i18n/locales";
import type { ConntrackTable, SocketOwners, TimeWaitBreakdown } from "@/lib/types";
import { messagesFor } from "@/server/i18n/catalogue";

const SAMPLE_AT = Date.UTC(2026, 11, 1, 14, 5);

const breakdown: TimeWaitBreakdown = {
  total: 5200,
  server: 1234,
  client: 3966,
  serverPorts: 3,
  clientPeers: 2,
  serverNotListening: 40,
  byListeningPort: [
    { port: 443, count: 1194 },
    { port: 9000, count: 40, listening: false },
  ],
  byPeer: [
    { peer: "10.0.0.7:5432", count: 3900 },
    { peer: "10.0.0.8:6379", count: 66 },
  ],
};

const owners: SocketOwners = {
  hiddenProcesses: 2,
  asRoot: false,
  lookedAt: SAMPLE_AT - 30_000,
  users: { 33: "www-data" },
  byPort: { 443: { uid: 33, sockets: 1, processes: 1, shown: [{ pid: 812, uid: 33, command: "nginx" }] } },
  byPeer: {
    "10.0.0.7:5432": { uid: 33, sockets: 12, processes: 4, shown: [{ pid: 900, uid: 33, command: "php-fpm" }] },
    "10.0.0.8:6379": { uid: 1001, sockets: 3, processes: 0, shown: [] },
  },
};

const conntrack: ConntrackTable = {
  entries: 20_000,
  tcp: 19_000,
  timeWait: 5000,
  readAt: SAMPLE_AT,
  truncated: false,
  insertFailed: 3,
  drop: 0,
  earlyDrop: 1,
};

const sysctls = {
  "net.ipv4.tcp_tw_reuse": "1",
  "net.ipv4.tcp_timestamps": "0",
  "net.ipv4.tcp_max_tw_buckets": "262144",
  "net.netfilter.nf_conntrack_max": "65536",
  "net.netfilter.nf_conntrack_tcp_timeout_time_wait": "120",
};

const panels = () => [
  createElement(TimeWaitTables, { breakdown, portRange: "32768 60999", owners, sampleAt: SAMPLE_AT }),
  createElement(SysctlsTable, { sysctls, missing: ["net.ipv4.tcp_tw_recycle"], kernel: "6.1.0-13-amd64", configured: [] }),
  createElement(ConntrackPanel, { table: conntrack, sysctls }),
];

function render(locale: Locale, element: ReactElement): string {
  return renderToStaticMarkup(
    createElement(NextIntlClientProvider, { locale, timeZone: "UTC", messages: messagesFor(locale), children: element }),
  );
}

/** What a reader sees: the text between tags and the tooltips (title attributes), entities decoded. */
function readable(html: string): string {
  const titles = [...html.matchAll(/title="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<[^>]+>/g, " ");
  return [text, ...titles]
    .join(" ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&gt;/g, ">");
}

/**
 * Words of Latin letters that are prose: not a kernel, sysctl or counter name (ALL_CAPS, dotted,
 * underscored), not an address, command or account of the fixture, nor the README's section name.
 */
const KEPT = new Set([
  "pid",
  "uid",
  "nginx",
  "php-fpm",
  "www-data",
  "root",
  "sudo",
  "README",
  "Which",
  "process",
  "netfilter",
  "conntrack",
  "drop",
]);
/** TcpExt counters: TWRecycled, TCPTimeWaitOverflow. */
const COUNTER = /^(TW|TCP)[A-Z][A-Za-z]+$/;
function englishProse(text: string): string[] {
  return text
    .replace(/[\u3400-\u9fff]/g, " ")
    .split(/[\s()（）[\]{},:;：；，。、·=“”"'%/]+/)
    .filter((w) => /[a-z]{2,}/i.test(w))
    .filter((w) => !/^[A-Z0-9_]+$/.test(w) && !/[._]/.test(w) && !/^-/.test(w) && !KEPT.has(w) && !COUNTER.test(w));
}

describe("the sockets and settings tabs", () => {
  it("read as before in English", () => {
    const text = readable(
      panels()
        .map((p) => render("en", p))
        .join(" "),
    );
    for (const phrase of [
      "Server side: the server closed first",
      "1,234 TIME_WAIT on 3 local ports, 40 of them on ports not listening now",
      "3,966 TIME_WAIT toward 2 destinations",
      "it belongs to uid 1001, and the probe's account cannot look into 2 processes of other accounts",
      "nginx (pid 812, user www-data)",
      'root, or the probe\'s sudo rule (README, "Which process") would name them.',
      "⚠ risky: does nothing without timestamps",
      "not on this kernel",
      "half the established hash (by memory)",
    ])
      expect(text).toContain(phrase);
  });

  it("read in Chinese for a zh-CN reader, with no English prose left", () => {
    const html = panels()
      .map((p) => render("zh-CN", p))
      .join(" ");
    const text = readable(html);
    for (const phrase of [
      "服务端：服务端先关闭",
      "1,234 个 TIME_WAIT，分布在 3 个本地端口上，其中 40 个所在端口当前未在监听",
      "客户端：本机先关闭",
      "nginx（pid 812，用户 www-data）",
      "⚠ 有风险：没有时间戳就不起作用",
      "此内核没有该参数",
      "连接跟踪(conntrack)表",
    ])
      expect(text).toContain(phrase);
    expect(englishProse(text)).toEqual([]);
  });
});

describe("a chart's tooltip over a gap", () => {
  const gap = { from: SAMPLE_AT - 600_000, to: SAMPLE_AT, reason: null };
  const tooltip = createElement(ChartTooltip, {
    active: true,
    testId: "tooltip",
    payload: [{ payload: { x: 0, point: null, gap, isolated: false } }],
    lines: () => null,
  });

  it("says how long samples are missing, in the reader's language", () => {
    expect(readable(render("en", tooltip))).toContain("No samples for 10 min");
    const text = readable(render("zh-CN", tooltip));
    expect(text).toContain("10分钟内无采样");
    expect(text).toContain("未记录原因");
    expect(englishProse(text)).toEqual([]);
  });
});
