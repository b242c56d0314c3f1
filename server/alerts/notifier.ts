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
import { renderAnnotations } from "@/lib/alerts/annotations";
import type { MessageContext, OutgoingAlert } from "@/lib/alerts/payloads";
import { silenceFor } from "@/lib/alerts/silence";
import type { Translate } from "@/lib/i18n/message";
import type { Duty } from "../collect/duty";
import type { AppConfig } from "../config";
import { getChannel, listChannels, readChannelSecret, type ChannelSecret } from "../db/alert-channels";
import { recordDelivery } from "../db/alert-deliveries";
import { markFailed, markSent, pruneNotices, queuedNotices } from "../db/alert-outbox";
import { getAlert, openAlerts, type AlertWithHost } from "../db/alerts";
import { getHost, listHosts } from "../db/hosts";
import type { Db } from "../db/db";
import { currentSilences } from "../db/silences";
import { translatorFor } from "../i18n/translator";
import { secretKeyFor } from "../secrets/key";
import { sendMessage, type SendResult } from "./channel-sender";

export interface NotifierOptions {
  db: Db;
  config: AppConfig;
  /** How often the queue is looked at (default 1 s). */
  tickMs?: number;
  /** The deadline of one POST (default 10 s). */
  timeoutMs?: number;
  /** With several processes on one database, only the one holding this duty sends. */
  duty?: Duty;
}

/** What one pass did, for tests and logs. */
export interface NotifierPass {
  /** Messages delivered, and messages that failed (to be retried or given up). */
  sent: number;
  failed: number;
  /** Firing alerts re-sent to Alertmanager channels. */
  resent: number;
}

// Sends in flight at once, each on its own lane (one per channel and host, one per channel's re-send).
const MAX_IN_FLIGHT = 16;
// Alerts per re-send to Alertmanager, so a large fleet's firing alerts go in bodies of a sane size.
const RESEND_BATCH = 500;
// Sent and given-up notices are kept a week (alerts.notified, not the outbox, keeps a restart from repeating them).
const KEEP_NOTICES_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

type Outcome = { kind: "notify"; ok: boolean | null } | { kind: "resend"; resent: number };

/**
 * Sends the alert notices the evaluator queued (server/db/alert-outbox.ts): every second it takes the
 * (channel, host) pairs with a notice due, sends each pair's queued notices as one message, and
 * retries a failed one with backoff (`retryDelayMs`) until `MAX_ATTEMPTS`. Every attempt goes to the
 * delivery log. Firing alerts are sent to Alertmanager channels again every `resendMs`. Each pair
 * sends on its own lane, so a receiver that does not answer holds up only its own messages; and the
 * notifier runs on its own timer, apart from the poller, which only queues.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  /** Sends under way, by lane: `notify:<channel>:<host>` or `resend:<channel>`. */
  private readonly lanes = new Map<string, Promise<Outcome>>();
  private readonly lastResend = new Map<number, number>();
  private lastPrune = -Infinity;
  /** The look at the queue under way: one at a time. */
  private scanning: Promise<void> | null = null;

  constructor(private readonly o: NotifierOptions) {}

  /** Starts the timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.startDue(Date.now()), this.o.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Stops the timer at once; sends under way finish on their own (they store nothing once the database is closed). */
  stopNow(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops the timer and waits for the sends under way. */
  async stop(): Promise<void> {
    this.stopNow();
    await this.scanning;
    await Promise.all(this.lanes.values());
  }

  /**
   * Starts what is due at `now` (on lanes that are free), then waits for every send under way:
   * resolves with what the sends started here did.
   */
  async kick(now = Date.now()): Promise<NotifierPass> {
    const started = await this.startDue(now);
    await Promise.all(this.lanes.values());
    const pass: NotifierPass = { sent: 0, failed: 0, resent: 0 };
    for (const o of await Promise.all(started)) {
      if (o.kind === "resend") pass.resent += o.resent;
      else if (o.ok !== null) pass[o.ok ? "sent" : "failed"]++;
    }
    return pass;
  }

  /** Starts every due message whose lane is free, up to MAX_IN_FLIGHT, and the re-sends that are due. */
  private async startDue(now: number): Promise<Promise<Outcome>[]> {
    while (this.scanning) await this.scanning;
    const scan = this.scan(now);
    this.scanning = scan.then(
      () => {},
      () => {},
    );
    try {
      return await scan;
    } finally {
      this.scanning = null;
    }
  }

  private async scan(now: number): Promise<Promise<Outcome>[]> {
    const { db } = this.o;
    if (!db.open) return [];
    if (this.o.duty && !(await this.o.duty.active(now))) return [];
    const started: Promise<Outcome>[] = [];
    try {
      const queued = await queuedNotices(db);
      for (const g of dueGroups(queued, now)) {
        if (this.lanes.size >= MAX_IN_FLIGHT) break;
        const ok = this.onLane(`notify:${g.channelId}:${g.hostId}`, async () => ({ kind: "notify", ok: await this.deliver(g, now) }));
        if (ok) started.push(ok);
      }
      for (const channel of await this.resendsDue(now)) {
        const done = this.onLane(`resend:${channel.id}`, async () => ({ kind: "resend", resent: await this.resend(channel, now) }));
        if (done) started.push(done);
      }
      if (now - this.lastPrune >= PRUNE_EVERY_MS) {
        this.lastPrune = now;
        await pruneNotices(db, now - KEEP_NOTICES_MS);
      }
    } catch (err) {
      console.error(`twscope: the alert notifier failed: ${(err as Error).message}`);
    }
    return started;
  }

  /** Runs `send` on `lane` unless that lane is busy; the lane is free again when it ends, however it ends. */
  private onLane(lane: string, send: () => Promise<Outcome>): Promise<Outcome> | null {
    if (this.lanes.has(lane)) return null;
    const running = send()
      .catch((err: unknown): Outcome => {
        if (this.o.db.open) console.error(`twscope: the alert notifier failed on ${lane}: ${(err as Error).message}`);
        return lane.startsWith("resend:") ? { kind: "resend", resent: 0 } : { kind: "notify", ok: false };
      })
      .finally(() => this.lanes.delete(lane));
    this.lanes.set(lane, running);
    return running;
  }

  /** Sends a test alert to a channel now, enabled or not, and logs it as a `test` delivery. */
  async sendTest(channelId: number, now = Date.now()): Promise<DeliveryDto> {
    const channel = await getChannel(this.o.db, channelId);
    if (!channel) throw new Error(`channel ${channelId} does not exist`);
    const t = translatorFor(channel.language);
    const alert: OutgoingAlert = {
      status: "firing",
      labels: { alertname: "twscope-test", host: "twscope", severity: "warning" },
      annotations: {
        summary: t("notify.test.summary"),
        description: t("notify.test.description", { channel: channel.name }),
        url: this.o.config.publicUrl,
      },
      startsAt: now,
      endsAt: null,
      generatorURL: this.o.config.publicUrl,
    };
    const result = await this.send(channel, [alert], { host: "twscope" }, now);
    return this.log(channel, "test", 1, 1, result, now);
  }

  /** One (channel, host) message; null when there was nothing left to send. */
  private async deliver({ channelId, hostId, notices }: { channelId: number; hostId: number; notices: QueuedNotice[] }, now: number) {
    const { db } = this.o;
    const channel = await getChannel(db, channelId);
    if (!channel?.enabled) return null;
    const t = translatorFor(channel.language);
    const alerts: OutgoingAlert[] = [];
    for (const n of latestPerAlert(notices)) {
      const alert = await getAlert(db, n.alertId);
      if (alert) alerts.push(outgoingOf(alert, n.status, this.o.config.publicUrl, now, t));
    }
    const ids = notices.map((n) => n.id);
    const hostName = (await getHost(db, hostId))?.name ?? alerts[0]?.labels.host ?? String(hostId);
    const attempt = Math.max(...notices.map((n) => n.attempts)) + 1;
    if (alerts.length === 0) return null;
    const result = await this.send(channel, alerts, { host: hostName }, now);
    if (!db.open) return result.ok;
    const finished = Date.now();
    if (result.ok) await markSent(db, ids, finished);
    else {
      const retryAt = attempt >= MAX_ATTEMPTS ? null : finished + retryDelayMs(attempt);
      await markFailed(db, ids, { now: finished, error: result.error ?? "failed", retryAt });
      console.warn(
        `twscope: alert channel "${channel.name}" (${channel.urlHint}): ${hostName}: attempt ${attempt} failed: ${result.error}; ` +
          (retryAt === null ? "given up" : `next try in ${Math.round((retryAt - finished) / 1000)} s`),
      );
    }
    await this.log(channel, "notify", alerts.length, attempt, result, now);
    return result.ok;
  }

  /** Alertmanager channels whose re-send is due (Alertmanager forgets an alert not sent again before its endsAt). */
  private async resendsDue(now: number): Promise<ChannelDto[]> {
    return (await listChannels(this.o.db)).filter(
      (c) =>
        c.enabled &&
        c.kind === "alertmanager" &&
        !this.lanes.has(`resend:${c.id}`) &&
        now - (this.lastResend.get(c.id) ?? -Infinity) >= this.o.config.alerts.resendMs,
    );
  }

  /** Sends every firing alert to an Alertmanager channel again; returns how many it took. */
  private async resend(channel: ChannelDto, now: number): Promise<number> {
    const { db, config } = this.o;
    this.lastResend.set(channel.id, now);
    // Alerts still in this channel's queue go with their own message, after the group wait or the retry.
    const waiting = new Set((await queuedNotices(db)).filter((n) => n.channelId === channel.id).map((n) => n.alertId));
    const t = translatorFor(channel.language);
    const alerts = (await this.firingUnmuted(now))
      .filter((a) => !waiting.has(a.id))
      .map((a) => outgoingOf(a, "firing", config.publicUrl, now, t));
    let resent = 0;
    for (let i = 0; i < alerts.length && db.open; i += RESEND_BATCH) {
      const batch = alerts.slice(i, i + RESEND_BATCH);
      const result = await this.send(channel, batch, {}, now);
      if (!db.open) break;
      if (!result.ok) console.warn(`twscope: alert channel "${channel.name}" (${channel.urlHint}): re-send failed: ${result.error}`);
      await this.log(channel, "resend", batch.length, 1, result, now);
      if (result.ok) resent += batch.length;
    }
    return resent;
  }

  /** Firing alerts whose firing was notified, without those a silence mutes now. */
  private async firingUnmuted(now: number): Promise<AlertWithHost[]> {
    const { db } = this.o;
    const silences = await currentSilences(db, now);
    const tags = new Map((await listHosts(db)).map((h) => [h.id, h.tags]));
    return (await openAlerts(db)).filter(
      (a) =>
        a.state === "firing" &&
        a.notified === "firing" &&
        silenceFor(silences, { ruleId: a.ruleId, hostName: a.hostName, tags: tags.get(a.hostId) ?? [] }, now) === null,
    );
  }

  private async send(channel: ChannelDto, alerts: OutgoingAlert[], groupLabels: Record<string, string>, now: number): Promise<SendResult> {
    let secret: ChannelSecret;
    try {
      secret = await readChannelSecret(this.o.db, await secretKeyFor(this.o.db, this.o.config), channel.id);
    } catch (err) {
      return { ok: false, httpStatus: null, error: (err as Error).message, durationMs: 0 };
    }
    const m: MessageContext = { receiver: channel.name, externalURL: this.o.config.publicUrl, groupLabels };
    return sendMessage(channel, secret, alerts, m, { now, resendMs: this.o.config.alerts.resendMs, timeoutMs: this.o.timeoutMs ?? 10_000 });
  }

  private async log(
    channel: ChannelDto,
    kind: DeliveryDto["kind"],
    count: number,
    attempt: number,
    r: SendResult,
    now: number,
  ): Promise<DeliveryDto> {
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
    return this.o.db.open ? await recordDelivery(this.o.db, entry) : { ...entry, id: 0 };
  }
}

/** An alert as a message carries it, in the state its notice announces, its summary and evidence in the channel's language (`t`). */
function outgoingOf(a: AlertWithHost, status: OutgoingAlert["status"], publicUrl: string, now: number, t: Translate): OutgoingAlert {
  return {
    status,
    labels: a.labels,
    annotations: renderAnnotations(t, a.annotations),
    startsAt: a.firingSince ?? a.pendingSince,
    endsAt: status === "resolved" ? (a.resolvedAt ?? now) : null,
    generatorURL: a.annotations.url ?? `${publicUrl}/hosts/${a.hostId}`,
  };
}
