import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FleetPager } from "@/components/fleet/fleet-pager";
import { FleetTiles } from "@/components/fleet/fleet-tiles";
import { SnapshotBanner } from "@/components/snapshot/snapshot-banner";
import { SnapshotTable } from "@/components/snapshot/snapshot-table";
import { RiskBadge } from "@/components/ui/risk-badge";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { Timestamp } from "@/components/ui/timestamp";
import type { Locale } from "@/lib/i18n/locales";
import type { SnapshotMeta } from "@/lib/snapshot/types";
import { messagesFor } from "@/server/i18n/catalogue";

const AT = Date.UTC(2026, 11, 1, 14, 5, 9);
const DAY = 86_400_000;

/** The text a reader sees of some components, rendered as the server renders them (before hydration: times in UTC). */
function textIn(locale: Locale, ...elements: ReactElement[]): string {
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      timeZone: "UTC",
      messages: messagesFor(locale),
      onError: (e) => {
        throw e;
      },
      children: elements.map((e, key) => createElement("div", { key }, e)),
    }),
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

const meta: SnapshotMeta = { kind: "host", title: "web-1", createdAt: AT, expiresAt: AT + 7 * DAY, creatorName: "dana", redacted: true };
const totals = { hosts: 1234, timeWait: 56789, critical: 2, warning: 3, unreachable: 1, leftOut: { stale: 4, bundle: 1 } };
const noop = () => {};

const pieces = () => [
  createElement(RiskBadge, { risk: "high" }),
  createElement(SeverityBadge, { severity: "critical" }),
  createElement(StatusBadge, { status: "auth-failed" }),
  createElement(Timestamp, { at: AT }),
  createElement(SnapshotBanner, { meta }),
  createElement(FleetTiles, { totals, onSeverity: noop, onProblem: noop, onStale: noop, frozen: true }),
  createElement(FleetPager, {
    info: { page: 2, pageSize: 50, pageCount: 25, matched: 1200, total: 1234 },
    filtered: true,
    onPage: noop,
    onPageSize: noop,
  }),
  createElement(SnapshotTable, {
    snapshots: [
      {
        id: 7,
        kind: "fleet",
        hostId: null,
        title: "web-1",
        createdAt: AT,
        expiresAt: AT + DAY,
        revokedAt: null,
        creatorName: "dana",
        redacted: true,
        state: "live",
      },
    ],
    showCreators: true,
    revokingId: undefined,
    onRevoke: noop,
  }),
];

describe("the fleet and snapshot pieces", () => {
  it("read in Chinese for a zh-CN reader, times with their zone named, no English prose left", () => {
    const text = textIn("zh-CN", ...pieces());
    expect(text).toContain("风险：高");
    expect(text).toContain("严重");
    expect(text).toContain("认证失败");
    expect(text).toContain("2026-12-01 14:05:09 UTC");
    expect(text).toContain("只读快照");
    expect(text).toContain("由 dana 于 2026-12-01 14:05:09 UTC 拍摄");
    expect(text).toContain("对端地址和主机名已替换为化名");
    expect(text).toContain("快照时 TIME_WAIT");
    expect(text).toContain("56,789");
    expect(text).toContain("4 台数据过期的主机、1 个粘贴的采集包未计入");
    expect(text).toContain("第 51–100 台，符合条件 1,200 台，共 1,234 台主机");
    expect(text).toContain("有效");
    // Left in English on purpose: names, kernel and protocol words, the zone, pseudonyms.
    const allowed = new Set(["TIME_WAIT", "UTC", "web", "dana", "host"]);
    const english = (text.match(/[A-Za-z_]{3,}/g) ?? []).filter((w) => !allowed.has(w));
    expect(english).toEqual([]);
  });

  it("read as they always did for an English reader", () => {
    const text = textIn("en", ...pieces());
    expect(text).toContain("risk: high");
    expect(text).toContain("auth failed");
    expect(text).toContain(
      "Read-only snapshot of web-1 taken 2026-12-01 14:05:09 UTC by dana, expires 2026-12-08 14:05:09 UTC . The data does not change after capture. Peer addresses and host names are replaced by pseudonyms (host-A, host-B…).",
    );
    expect(text).toContain("TIME_WAIT, critical and warning counts use fresh samples only: 4 stale hosts and 1 pasted bundle not counted.");
    expect(text).toContain("51–100 of 1,200 matching, 1,234 hosts");
    expect(text).toContain("page 2 of 25");
    expect(text).toContain("#7 · fleet · redacted");
  });
});
