import { describe, expect, it } from "vitest";
import { dueGroups, latestPerAlert, MAX_ATTEMPTS, retryDelayMs, type QueuedNotice } from "@/lib/alerts/delivery";
import {
  alertmanagerApiBody,
  alertmanagerWebhookBody,
  fingerprint,
  genericWebhookBody,
  groupKey,
  slackBody,
  ZERO_TIME,
  type OutgoingAlert,
} from "@/lib/alerts/payloads";
import { chinese, english } from "../../support/i18n";

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const labels = { alertname: "destination-port-use", host: "web-1", severity: "critical", destination: "10.0.0.9:8080" };
const annotations = {
  summary: "web-1: Local ports toward 10.0.0.9:8080 92% used",
  description: "920 TIME_WAIT to 10.0.0.9:8080",
  rule: "Local ports toward one destination running out",
  url: "https://twscope.example/hosts/3",
};
const firing: OutgoingAlert = { status: "firing", labels, annotations, startsAt: T0, endsAt: null, generatorURL: annotations.url };
const resolved: OutgoingAlert = { ...firing, status: "resolved", endsAt: T0 + 90_000 };
const other: OutgoingAlert = {
  ...firing,
  labels: { alertname: "time-wait-high", host: "web-1", severity: "warning" },
  annotations: { ...annotations, summary: "web-1: 120,000 sockets in TIME_WAIT" },
};
const m = { receiver: "ops-webhook", externalURL: "https://twscope.example", groupLabels: { host: "web-1" } };

describe("fingerprint()", () => {
  it("is Alertmanager's: FNV-1a 64 of the sorted labels (the value Alertmanager 0.25 gave these labels)", () => {
    const probe = {
      alertname: "ProbeFailure",
      instance: "https://server.example.org",
      job: "http_checks",
      monitor: "master",
      severity: "critical",
    };
    expect(fingerprint(probe)).toBe("fe986f5dcb3e6510");
  });

  it("does not depend on the order the labels come in, and changes with any value", () => {
    const reversed = Object.fromEntries(Object.entries(labels).reverse());
    expect(fingerprint(reversed)).toBe(fingerprint(labels));
    expect(fingerprint({ ...labels, destination: "10.0.0.9:8081" })).not.toBe(fingerprint(labels));
    expect(fingerprint(labels)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("groupKey()", () => {
  it("has Alertmanager's form, labels sorted and quoted", () => {
    expect(groupKey({ host: "web-1" })).toBe('{}:{host="web-1"}');
    expect(groupKey({ severity: "x", host: 'a"b' })).toBe('{}:{host="a\\"b", severity="x"}');
  });
});

describe("alertmanagerWebhookBody()", () => {
  it("carries every field of Alertmanager's version 4 body for a firing alert, endsAt Go's zero time", () => {
    const body = alertmanagerWebhookBody([firing], m);
    expect(body).toEqual({
      version: "4",
      groupKey: '{}:{host="web-1"}',
      truncatedAlerts: 0,
      status: "firing",
      receiver: "ops-webhook",
      groupLabels: { host: "web-1" },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: "https://twscope.example",
      alerts: [
        {
          status: "firing",
          labels,
          annotations,
          startsAt: "2026-12-02T10:00:00.000Z",
          endsAt: ZERO_TIME,
          generatorURL: "https://twscope.example/hosts/3",
          fingerprint: fingerprint(labels),
        },
      ],
    });
    expect(ZERO_TIME).toBe("0001-01-01T00:00:00Z");
  });

  it("says resolved with the time it resolved, and keeps only shared labels and annotations as common", () => {
    const body = alertmanagerWebhookBody([resolved], m);
    expect(body.status).toBe("resolved");
    expect(body.alerts[0]).toMatchObject({ status: "resolved", endsAt: "2026-12-02T10:01:30.000Z" });
    const mixed = alertmanagerWebhookBody([resolved, other], m);
    expect(mixed.status).toBe("firing");
    expect(mixed.commonLabels).toEqual({ host: "web-1" });
    expect(mixed.commonAnnotations).toEqual({ description: annotations.description, rule: annotations.rule, url: annotations.url });
    expect(mixed.alerts.map((a) => a.fingerprint)).toEqual([fingerprint(labels), fingerprint(other.labels)]);
  });
});

describe("alertmanagerApiBody()", () => {
  it("sends a firing alert with endsAt 4 re-send intervals ahead, a resolved one ending when it resolved", () => {
    const now = T0 + 30_000;
    expect(alertmanagerApiBody([firing, resolved], { now, resendMs: 60_000 })).toEqual([
      { labels, annotations, startsAt: "2026-12-02T10:00:00.000Z", endsAt: "2026-12-02T10:04:30.000Z", generatorURL: annotations.url },
      { labels, annotations, startsAt: "2026-12-02T10:00:00.000Z", endsAt: "2026-12-02T10:01:30.000Z", generatorURL: annotations.url },
    ]);
  });
});

describe("genericWebhookBody()", () => {
  it("is flat: host, status, and per alert its name, severity, summary, times and link", () => {
    expect(genericWebhookBody([resolved], m)).toEqual({
      version: "twscope/1",
      receiver: "ops-webhook",
      status: "resolved",
      host: "web-1",
      alerts: [
        {
          status: "resolved",
          alertname: "destination-port-use",
          severity: "critical",
          summary: annotations.summary,
          description: annotations.description,
          labels,
          startsAt: "2026-12-02T10:00:00.000Z",
          endsAt: "2026-12-02T10:01:30.000Z",
          url: annotations.url,
          fingerprint: fingerprint(labels),
        },
      ],
    });
    expect(genericWebhookBody([firing], m).alerts[0]!.endsAt).toBeNull();
  });
});

describe("slackBody()", () => {
  it("has a text naming status, host, alert, severity and summary, and blocks with the link", () => {
    const body = slackBody([firing], m, english);
    expect(body.text).toBe("[FIRING:1] web-1: destination-port-use (critical) web-1: Local ports toward 10.0.0.9:8080 92% used");
    const json = JSON.stringify(body.blocks);
    for (const part of ["*Host*", "*Alert*\\ndestination-port-use", "*Severity*\\ncritical", "<https://twscope.example/hosts/3|web-1>"])
      expect(json).toContain(part);
    expect(slackBody([resolved], m, english).text).toMatch(/^\[RESOLVED\] web-1/);
  });

  it("escapes Slack's mrkdwn and stays under 50 blocks however many alerts", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...firing, annotations: { ...annotations, summary: `a<b>&${i}` } }));
    const body = slackBody(many, m, english);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(body.blocks)).toContain("a&lt;b&gt;&amp;0");
    expect(JSON.stringify(body.blocks)).toContain("and 20 more");
    expect(body.text).toBe("[FIRING:40] web-1: 40 alerts");
  });

  it("writes its headings in the channel's language, the labels as they are", () => {
    const body = slackBody([firing], m, chinese);
    expect(body.text).toMatch(/^\[触发中:1\] web-1: destination-port-use \(critical\)/);
    const json = JSON.stringify(body.blocks);
    for (const part of ["*主机*", "*告警*\\ndestination-port-use", "*级别*\\ncritical", "在 twscope 中打开 web-1"])
      expect(json).toContain(part);
    expect(slackBody([resolved], m, chinese).text).toMatch(/^\[已恢复\] web-1/);
  });
});

describe("the retry schedule", () => {
  it("waits 5 s after the first failure, doubling to at most 10 minutes, over 10 attempts", () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1) / 1000);
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600]);
    expect(MAX_ATTEMPTS).toBe(10);
  });
});

describe("grouping queued notices", () => {
  const notice = (id: number, channelId: number, hostId: number, dueAt: number, alertId = id, status: "firing" | "resolved" = "firing") =>
    ({ id, channelId, alertId, hostId, status, dueAt, attempts: 0 }) satisfies QueuedNotice;

  it("sends a (channel, host) pair once any of its notices is due, with the ones not yet due", () => {
    const queued = [notice(1, 1, 7, 100), notice(2, 1, 7, 150), notice(3, 1, 8, 150), notice(4, 2, 7, 100)];
    const groups = dueGroups(queued, 120);
    expect(groups.map((g) => [g.channelId, g.hostId, g.notices.map((n) => n.id)])).toEqual([
      [1, 7, [1, 2]],
      [2, 7, [4]],
    ]);
    expect(dueGroups(queued, 99)).toEqual([]);
  });

  it("keeps the latest notice of each alert: a firing and a resolve queued together send the resolve", () => {
    const ns = [notice(1, 1, 7, 100, 50, "firing"), notice(2, 1, 7, 100, 51), notice(3, 1, 7, 100, 50, "resolved")];
    expect(latestPerAlert(ns).map((n) => [n.alertId, n.status])).toEqual([
      [51, "firing"],
      [50, "resolved"],
    ]);
  });
});
