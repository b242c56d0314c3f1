/**
 * The bodies twscope sends to notification channels, built from plain data (no I/O): Alertmanager's
 * webhook body (version 4), a simpler generic one, Alertmanager's `POST /api/v2/alerts` list, and a
 * Slack incoming-webhook message. Summaries and descriptions come rendered in the channel's language;
 * label values (alertname, severity, finding) are identifiers and stay as they are.
 */

import type { Translate } from "../i18n/message";

/** One alert as a message carries it. Times are epoch milliseconds. */
export interface OutgoingAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  /** When it resolved; null while it fires. */
  endsAt: number | null;
  /** The host's page in twscope. */
  generatorURL: string;
}

/** What every message of one channel and group shares. */
export interface MessageContext {
  /** The channel's name. */
  receiver: string;
  /** Where twscope is reached (TWSCOPE_PUBLIC_URL). */
  externalURL: string;
  /** The labels the group shares by construction: `{host}`. */
  groupLabels: Record<string, string>;
}

/** Go's zero time, which Alertmanager's webhook shows as the endsAt of a firing alert. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

const rfc3339 = (ms: number) => new Date(ms).toISOString();

const FNV_OFFSET = 14695981039346656037n;
const FNV_PRIME = 1099511628211n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * The alert's identity as Alertmanager computes it (Prometheus' `LabelSet.Fingerprint`): FNV-1a 64
 * over the label names in sorted order, each name and value followed by a 0xff byte, as 16 hex digits.
 */
export function fingerprint(labels: Record<string, string>): string {
  let h = FNV_OFFSET;
  const add = (bytes: Uint8Array) => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK_64;
  };
  const encoder = new TextEncoder();
  const separator = Uint8Array.of(0xff);
  for (const name of Object.keys(labels).sort()) {
    add(encoder.encode(name));
    add(separator);
    add(encoder.encode(labels[name]!));
    add(separator);
  }
  return h.toString(16).padStart(16, "0");
}

const sortedEntries = (labels: Record<string, string>) => Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Alertmanager's group key form, `{}:{host="web-1"}`: the (root) route, then the group's labels. */
export function groupKey(groupLabels: Record<string, string>): string {
  return `{}:{${sortedEntries(groupLabels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ")}}`;
}

/** "firing" while any alert of the message fires, as Alertmanager says of a group. */
const groupStatus = (alerts: readonly OutgoingAlert[]): "firing" | "resolved" =>
  alerts.some((a) => a.status === "firing") ? "firing" : "resolved";

/** The label (or annotation) pairs every alert has with the same value. */
function commonPairs(sets: readonly Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((s) => s[k] === v)));
}

/** Alertmanager's webhook body (`webhook_config`, version 4), so receivers written for Alertmanager take twscope's messages unchanged. */
export function alertmanagerWebhookBody(alerts: readonly OutgoingAlert[], m: MessageContext) {
  return {
    version: "4",
    groupKey: groupKey(m.groupLabels),
    truncatedAlerts: 0,
    status: groupStatus(alerts),
    receiver: m.receiver,
    groupLabels: m.groupLabels,
    commonLabels: commonPairs(alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(alerts.map((a) => a.annotations)),
    externalURL: m.externalURL,
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: rfc3339(a.startsAt),
      endsAt: a.endsAt === null ? ZERO_TIME : rfc3339(a.endsAt),
      generatorURL: a.generatorURL,
      fingerprint: fingerprint(a.labels),
    })),
  };
}

/** The generic webhook body: one host's alerts, flat, with the fields a script needs first (documented in the README). */
export function genericWebhookBody(alerts: readonly OutgoingAlert[], m: MessageContext) {
  return {
    version: "twscope/1",
    receiver: m.receiver,
    status: groupStatus(alerts),
    host: m.groupLabels.host ?? null,
    alerts: alerts.map((a) => ({
      status: a.status,
      alertname: a.labels.alertname ?? "",
      severity: a.labels.severity ?? "",
      summary: a.annotations.summary ?? "",
      description: a.annotations.description ?? "",
      labels: a.labels,
      startsAt: rfc3339(a.startsAt),
      endsAt: a.endsAt === null ? null : rfc3339(a.endsAt),
      url: a.generatorURL,
      fingerprint: fingerprint(a.labels),
    })),
  };
}

/**
 * The list `POST /api/v2/alerts` takes (Alertmanager's `postableAlerts`). A firing alert's endsAt
 * lies 4 re-send intervals ahead, so Alertmanager keeps it active between re-sends and resolves it by
 * itself only when twscope has stopped sending for that long; a resolved one ends when it resolved.
 */
export function alertmanagerApiBody(alerts: readonly OutgoingAlert[], o: { now: number; resendMs: number }) {
  return alerts.map((a) => ({
    labels: a.labels,
    annotations: a.annotations,
    startsAt: rfc3339(a.startsAt),
    endsAt: rfc3339(a.endsAt ?? o.now + 4 * o.resendMs),
    generatorURL: a.generatorURL,
  }));
}

/** Slack's mrkdwn needs only these three escaped. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// A Slack message holds at most 50 blocks: two for the heading, two per alert, and a note when cut.
const SLACK_MAX_ALERTS = 20;

/**
 * A Slack incoming-webhook message: `text` (notifications, and clients without blocks), then blocks naming host, alert,
 * severity, summary and link; its headings in the channel's language (`t`, catalogue `notify.slack`).
 */
export function slackBody(alerts: readonly OutgoingAlert[], m: MessageContext, t: Translate) {
  const status = groupStatus(alerts);
  const host = m.groupLabels.host ?? "twscope";
  const firing = alerts.filter((a) => a.status === "firing").length;
  const tag = status === "firing" ? t("notify.slack.firing", { count: firing }) : t("notify.slack.resolved");
  const only = alerts.length === 1 ? alerts[0]! : null;
  const text = only
    ? `${tag} ${host}: ${only.labels.alertname} (${only.labels.severity}) ${only.annotations.summary ?? ""}`.trim()
    : `${tag} ${host}: ${t("notify.slack.alerts", { count: alerts.length })}`;
  const shown = alerts.slice(0, SLACK_MAX_ALERTS);
  const blocks: object[] = [
    { type: "header", text: { type: "plain_text", text: `${tag} ${host}`.slice(0, 150) } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `twscope · <${m.externalURL}|${slackEscape(m.externalURL)}>` }],
    },
    ...shown.flatMap((a) => [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${slackEscape(a.annotations.summary ?? a.labels.alertname ?? "")}*`.slice(0, 3000) },
        fields: [
          { type: "mrkdwn", text: `*${t("notify.slack.host")}*\n<${a.generatorURL}|${slackEscape(a.labels.host ?? host)}>` },
          { type: "mrkdwn", text: `*${t("notify.slack.alert")}*\n${slackEscape(a.labels.alertname ?? "")}` },
          { type: "mrkdwn", text: `*${t("notify.slack.severity")}*\n${slackEscape(a.labels.severity ?? "")}` },
          { type: "mrkdwn", text: `*${t("notify.slack.status")}*\n${a.status}` },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `<${a.generatorURL}|${slackEscape(t("notify.slack.open", { host }))}>` }] },
    ]),
  ];
  if (alerts.length > shown.length)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t("notify.slack.more", { count: alerts.length - shown.length }) }] });
  return { text, blocks };
}
