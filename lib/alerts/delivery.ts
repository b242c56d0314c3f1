import type { Locale } from "../i18n/locales";
import type { ChannelKind, ChannelOptions } from "./schemas";

/** Attempts at one message before its notices are given up. */
export const MAX_ATTEMPTS = 10;
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 10 * 60_000;

/** The wait after a message's `attempts`-th failed attempt: 5 s, 10 s, 20 s, … doubling, at most 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The error text kept in the delivery log and outbox: one line, cut to this length. */
const MAX_ERROR_CHARS = 500;

export function cutError(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}

/** A queued notice, as the notifier groups them. */
export interface QueuedNotice {
  id: number;
  channelId: number;
  alertId: number;
  hostId: number;
  status: "firing" | "resolved";
  dueAt: number;
  attempts: number;
}

/**
 * The messages to send now: every (channel, host) with a notice due, each with all that pair's
 * queued notices (due or not: what arrived within the group wait goes along), one notice per alert
 * (its latest: a firing and a resolve queued together send the resolve).
 */
export function dueGroups(queued: readonly QueuedNotice[], now: number): { channelId: number; hostId: number; notices: QueuedNotice[] }[] {
  const groups = new Map<string, QueuedNotice[]>();
  for (const n of [...queued].sort((a, b) => a.id - b.id)) {
    const key = `${n.channelId}:${n.hostId}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return [...groups.values()]
    .filter((ns) => ns.some((n) => n.dueAt <= now))
    .map((ns) => ({ channelId: ns[0]!.channelId, hostId: ns[0]!.hostId, notices: ns }));
}

/** Of a group's notices, the latest per alert. */
export function latestPerAlert(notices: readonly QueuedNotice[]): QueuedNotice[] {
  const byAlert = new Map<number, QueuedNotice>();
  for (const n of notices) if ((byAlert.get(n.alertId)?.id ?? -1) < n.id) byAlert.set(n.alertId, n);
  return [...byAlert.values()].sort((a, b) => a.id - b.id);
}

/** A channel as the API shows it: never its URL or token, only the URL's scheme and host. */
export interface ChannelDto {
  id: number;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  options: ChannelOptions;
  /** The language its notifications are written in. */
  language: Locale;
  /** `https://hooks.slack.com/…`: enough to recognise the URL, none of its secret parts. */
  urlHint: string;
  hasBearerToken: boolean;
  createdAt: number;
  updatedAt: number;
}

export type DeliveryKind = "notify" | "resend" | "test";

/** One attempt to deliver one message, as the delivery log keeps it. */
export interface DeliveryDto {
  id: number;
  channelId: number;
  at: number;
  kind: DeliveryKind;
  alerts: number;
  attempt: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** A channel with what its queue holds and how its last attempt went (`GET /api/alerts/channels`). */
export interface ChannelDetailDto extends ChannelDto {
  queued: number;
  gaveUp: number;
  lastDelivery: DeliveryDto | null;
  lastError: DeliveryDto | null;
}

/** A page of a channel's delivery log, newest first (`GET /api/alerts/channels/:id/deliveries`). */
export interface ChannelDeliveriesDto {
  deliveries: DeliveryDto[];
  lastError: DeliveryDto | null;
  queued: number;
  gaveUp: number;
}
