import "server-only";
import {
  dueGroups,
  latestPerAlert,
  MAX_ATTEMPTS,
  retryDelayMs,
  type ChannelDto,
  type DeliveryDto,
  type QueuedNotice,
} from "@/lib/alerts/delivery";
import type { MessageContext, OutgoingAlert } from "@/lib/alerts/payloads";
import { silenceFor } from "@/lib/alerts/silence";
import type { AppConfig } from "../config";
import { getChannel, listChannels, readChannelSecret, type ChannelSecret } from "../db/alert-channels";
import { recordDelivery } from "../db/alert-deliveries";
import { markFailed, markSent, queuedNotices } from "../db/alert-outbox";
import { getAlert, openAlerts, type AlertWithHost } from "../db/alerts";
import { getHost, listHosts } from "../db/hosts";
import type { Db } from "../db/open-database";
import { currentSilences } from "../db/silences";
import { secretKeyFor } from "../secrets/key";
import { sendMessage, type SendResult } from "./channel-sender";

export interface NotifierOptions {
  db: Db;
  config: AppConfig;
  /** How often the queue is looked at (default 1 s). */
  tickMs?: number;
  /** The deadline of one POST (default 10 s). */
  timeoutMs?: number;
}

/** What one pass did, for tests and logs. */
export interface NotifierPass {
  sent: number;
  failed: number;
  resent: number;
}

// Messages in flight at once: a slow receiver holds one slot and delays no other channel.
const PARALLEL_SENDS = 8;

/**
 * Sends the alert notices the evaluator queued (server/db/alert-outbox.ts): every second it takes the
 * (channel, host) pairs with a notice due, sends each pair's queued notices as one message, and
 * retries a failed one with backoff (`retryDelayMs`) until `MAX_ATTEMPTS`. Every attempt goes to the
 * delivery log. Firing alerts are sent to Alertmanager channels again every `resendMs`. It runs on
 * its own timer, apart from the poller, which only queues.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<NotifierPass> | null = null;
  private next: Promise<NotifierPass> | null = null;
  private readonly lastResend = new Map<number, number>();

  constructor(private readonly o: NotifierOptions) {}

  /** Starts the timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.kick().catch(logPassError), this.o.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Stops the timer at once; a pass under way finishes on its own (it stores nothing once the database is closed). */
  stopNow(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops the timer and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopNow();
    await this.pass?.catch(() => {});
  }

  /** Runs a pass now, or one more right after the pass under way; resolves when it is done. */
  kick(now?: number): Promise<NotifierPass> {
    const run = () => (this.pass = this.run(now).finally(() => (this.pass = null)));
    if (!this.pass) return run();
    this.next ??= this.pass
      .catch(() => {})
      .then(() => {
        this.next = null;
        return run();
      });
    return this.next;
  }

  /** Sends a test alert to a channel now, enabled or not, and logs it as a `test` delivery. */
  async sendTest(channelId: number, now = Date.now()): Promise<DeliveryDto> {
    const channel = getChannel(this.o.db, channelId);
    if (!channel) throw new Error(`channel ${channelId} does not exist`);
    const alert: OutgoingAlert = {
      status: "firing",
      labels: { alertname: "twscope-test", host: "twscope", severity: "warning" },
      annotations: {
        summary: "Test notification from twscope",
        description: `Sent from twscope's settings for the channel "${channel.name}"; no host is affected.`,
        url: this.o.config.publicUrl,
      },
      startsAt: now,
      endsAt: null,
      generatorURL: this.o.config.publicUrl,
    };
    const result = await this.send(channel, [alert], { host: "twscope" }, now);
    return this.log(channel, "test", 1, 1, result, now);
  }

  private async run(now?: number): Promise<NotifierPass> {
    const pass: NotifierPass = { sent: 0, failed: 0, resent: 0 };
    if (!this.o.db.open) return pass;
    const at = now ?? Date.now();
    const queued = queuedNotices(this.o.db);
    const groups = dueGroups(queued, at);
    for (let i = 0; i < groups.length; i += PARALLEL_SENDS) {
      const results = await Promise.all(groups.slice(i, i + PARALLEL_SENDS).map((g) => this.deliver(g.channelId, g.hostId, g.notices, at)));
      for (const ok of results) if (ok !== null) pass[ok ? "sent" : "failed"]++;
    }
    if (this.o.db.open) pass.resent = await this.resendFiring(queued, at);
    return pass;
  }

  /** One (channel, host) message; null when there was nothing left to send. */
  private async deliver(channelId: number, hostId: number, notices: QueuedNotice[], now: number): Promise<boolean | null> {
    const { db } = this.o;
    const channel = getChannel(db, channelId);
    if (!channel?.enabled) return null;
    const alerts = latestPerAlert(notices)
      .map((n) => ({ n, alert: getAlert(db, n.alertId) }))
      .filter((x): x is { n: QueuedNotice; alert: AlertWithHost } => x.alert !== null)
      .map(({ n, alert }) => outgoingOf(alert, n.status, this.o.config.publicUrl, now));
    const ids = notices.map((n) => n.id);
    const hostName = getHost(db, hostId)?.name ?? alerts[0]?.labels.host ?? String(hostId);
    const attempt = Math.max(...notices.map((n) => n.attempts)) + 1;
    if (alerts.length === 0) return null;
    const result = await this.send(channel, alerts, { host: hostName }, now);
    if (!db.open) return result.ok;
    const finished = Date.now();
    if (result.ok) markSent(db, ids, finished);
    else {
      const retryAt = attempt >= MAX_ATTEMPTS ? null : finished + retryDelayMs(attempt);
      markFailed(db, ids, { now: finished, error: result.error ?? "failed", retryAt });
      console.warn(
        `twscope: alert channel "${channel.name}" (${channel.urlHint}): ${hostName}: attempt ${attempt} failed: ${result.error}; ` +
          (retryAt === null ? "given up" : `next try in ${Math.round((retryAt - finished) / 1000)} s`),
      );
    }
    this.log(channel, "notify", alerts.length, attempt, result, now);
    return result.ok;
  }

  /** Alertmanager forgets an alert not sent again before its endsAt: re-send every firing one every `resendMs`. */
  private async resendFiring(queued: readonly QueuedNotice[], now: number): Promise<number> {
    const { db, config } = this.o;
    const channels = listChannels(db).filter(
      (c) => c.enabled && c.kind === "alertmanager" && now - (this.lastResend.get(c.id) ?? -Infinity) >= config.alerts.resendMs,
    );
    if (channels.length === 0) return 0;
    const firing = this.firingUnmuted(now);
    let resent = 0;
    await Promise.all(
      channels.map(async (channel) => {
        this.lastResend.set(channel.id, now);
        // Alerts still waiting in this channel's queue go with their own message, after the group wait.
        const waiting = new Set(queued.filter((n) => n.channelId === channel.id).map((n) => n.alertId));
        const alerts = firing.filter((a) => !waiting.has(a.id)).map((a) => outgoingOf(a, "firing", config.publicUrl, now));
        if (alerts.length === 0) return;
        const result = await this.send(channel, alerts, {}, now);
        if (!db.open) return;
        if (!result.ok) console.warn(`twscope: alert channel "${channel.name}" (${channel.urlHint}): re-send failed: ${result.error}`);
        this.log(channel, "resend", alerts.length, 1, result, now);
        resent += alerts.length;
      }),
    );
    return resent;
  }

  /** Firing alerts whose firing was notified, without those a silence mutes now. */
  private firingUnmuted(now: number): AlertWithHost[] {
    const { db } = this.o;
    const silences = currentSilences(db, now);
    const tags = new Map(listHosts(db).map((h) => [h.id, h.tags]));
    return openAlerts(db).filter(
      (a) =>
        a.state === "firing" &&
        a.notified === "firing" &&
        silenceFor(silences, { ruleId: a.ruleId, hostName: a.hostName, tags: tags.get(a.hostId) ?? [] }, now) === null,
    );
  }

  private async send(channel: ChannelDto, alerts: OutgoingAlert[], groupLabels: Record<string, string>, now: number): Promise<SendResult> {
    let secret: ChannelSecret;
    try {
      secret = readChannelSecret(this.o.db, secretKeyFor(this.o.db, this.o.config), channel.id);
    } catch (err) {
      return { ok: false, httpStatus: null, error: (err as Error).message, durationMs: 0 };
    }
    const m: MessageContext = { receiver: channel.name, externalURL: this.o.config.publicUrl, groupLabels };
    return sendMessage(channel, secret, alerts, m, { now, resendMs: this.o.config.alerts.resendMs, timeoutMs: this.o.timeoutMs ?? 10_000 });
  }

  private log(channel: ChannelDto, kind: DeliveryDto["kind"], count: number, attempt: number, r: SendResult, now: number): DeliveryDto {
    const entry = {
      channelId: channel.id,
      at: now,
      kind,
      alerts: count,
      attempt,
      ok: r.ok,
      httpStatus: r.httpStatus,
      error: r.error,
      durationMs: r.durationMs,
    };
    return this.o.db.open ? recordDelivery(this.o.db, entry) : { ...entry, id: 0 };
  }
}

/** An alert as a message carries it, in the state its notice announces. */
function outgoingOf(a: AlertWithHost, status: OutgoingAlert["status"], publicUrl: string, now: number): OutgoingAlert {
  return {
    status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.firingSince ?? a.pendingSince,
    endsAt: status === "resolved" ? (a.resolvedAt ?? now) : null,
    generatorURL: a.annotations.url ?? `${publicUrl}/hosts/${a.hostId}`,
  };
}

function logPassError(err: unknown): void {
  console.error(`twscope: the alert notifier failed: ${(err as Error).message}`);
}
