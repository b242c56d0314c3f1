import "server-only";
import { EventEmitter } from "node:events";
import { pollHost, type PollOutcome } from "./poll-host";
import { changeMarkers, requestedPolls } from "../db/change-markers";
import { getHost, listHosts, type HostRecord } from "../db/hosts";
import type { Db } from "../db/db";
import type { ProbeLimits, ProbeTransport } from "../transport/types";

export interface PollerOptions {
  db: Db;
  transportFor: (host: HostRecord) => ProbeTransport;
  script: () => string;
  limits: ProbeLimits;
  intervalMs: number;
  concurrency: number;
  /** Spread of each interval, as a fraction (0.1 = ±10 %). */
  jitter?: number;
  /** Longest wait after repeated failures. */
  maxBackoffMs?: number;
  tickMs?: number;
  onHostGone?: (hostId: number) => void;
  /** The hosts this poller may poll (the collector's leases); every host when absent. */
  owns?: (hostId: number) => boolean;
}

export type ManualPoll =
  { queued: true } | { queued: false; reason: "running" } | { queued: false; reason: "too-soon"; retryAfterMs: number };

const MANUAL_POLL_GAP_MS = 5_000;
const MANUAL_POLL_GAP_FAILING_MAX_MS = 60_000;

/** How long after a manual poll the next one may start: the backoff a failing host is in, within 5 s … 1 min. */
export function manualPollGap(consecutiveFailures: number, intervalMs: number): number {
  if (consecutiveFailures === 0) return MANUAL_POLL_GAP_MS;
  const backoff = intervalMs * 2 ** (consecutiveFailures - 1);
  return Math.min(MANUAL_POLL_GAP_FAILING_MAX_MS, Math.max(MANUAL_POLL_GAP_MS, backoff));
}

/**
 * Polls every host on its own schedule: interval with jitter, exponential backoff while a host fails,
 * at most `concurrency` polls at once. A slow or dead host holds one slot and delays no other host.
 * Emits `poll` with each `PollOutcome`.
 */
export class Poller extends EventEmitter {
  private readonly due = new Map<number, number>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly lastManual = new Map<number, number>();
  /** Hosts asked for by `pollSoon`, polled once even while they await a trusted key. */
  private readonly requested = new Set<number>();
  /** The hosts to poll, read from the database when hosts change rather than at every tick. */
  private hosts: HostRecord[] | null = null;
  /** The hosts' change marker when the list was read: any process that adds, edits or removes a host moves it. */
  private listVersion: number | null = null;
  /** The poll requests' marker when they were last read: a "poll now" asked of any process moves it. */
  private requestsVersion: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  /** The tick under way: ticks read the database, and one never starts while another runs. */
  private ticking: Promise<void> | null = null;

  constructor(private readonly o: PollerOptions) {
    super();
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 250);
    this.timer.unref();
    this.tick();
  }

  /** Resolves once the tick under way (if any) is over: tests wait for it instead of for time. */
  async settled(): Promise<void> {
    await this.ticking;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Stops scheduling and waits (at most `graceMs`) for polls under way to finish. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(this.inFlight.values()), grace]);
    clearTimeout(timer);
  }

  /** Reads the host list again at the next tick: hosts were added, edited, removed, re-trusted or given a new secret. */
  hostsChanged(): void {
    this.hosts = null;
  }

  /** Moves a host to the front of the queue (after an edit, a re-trust, or a user's "poll now"). */
  pollSoon(hostId: number): void {
    this.hostsChanged();
    this.due.set(hostId, 0);
    this.requested.add(hostId);
    if (this.timer) this.tick();
  }

  /**
   * A user's "poll now": at most one poll of a host at a time and one manual poll per few seconds,
   * further apart while the host keeps failing (up to a minute), so nobody can make twscope hammer
   * a host's sshd (and trip its fail2ban). The poll's outcome counts toward the backoff as any other.
   */
  requestPoll(host: HostRecord, now = Date.now()): ManualPoll {
    if (this.inFlight.has(host.id)) return { queued: false, reason: "running" };
    const gap = manualPollGap(host.consecutiveFailures, this.o.intervalMs);
    // Asked of this process, or of another one on the same database (recorded on the host).
    const last = Math.max(this.lastManual.get(host.id) ?? -Infinity, host.pollRequestedAt ?? -Infinity);
    if (now - last < gap) return { queued: false, reason: "too-soon", retryAfterMs: last + gap - now };
    this.lastManual.set(host.id, now);
    this.pollSoon(host.id);
    return { queued: true };
  }

  private tick(): void {
    if (this.stopping || this.ticking) return;
    this.ticking = this.schedule()
      .catch((err: Error) => console.error(`twscope: poller could not read its host list: ${err.message}`))
      .finally(() => (this.ticking = null));
  }

  private async schedule(): Promise<void> {
    const markers = await changeMarkers(this.o.db);
    if (markers.hosts !== this.listVersion) this.hosts = null;
    this.listVersion = markers.hosts;
    if (markers.pollRequests !== this.requestsVersion) {
      // The first read only learns where the marker stands; requests from before this poller started are old.
      if (this.requestsVersion !== null) for (const id of await requestedPolls(this.o.db)) this.pollSoon(id);
      this.requestsVersion = markers.pollRequests;
    }
    const all = (this.hosts ??= (await listHosts(this.o.db)).filter((h) => h.transport !== "bundle"));
    const owns = this.o.owns;
    const hosts = owns ? all.filter((h) => owns(h.id)) : all;
    if (this.stopping) return;
    const now = Date.now();
    const present = new Set(hosts.map((h) => h.id));
    for (const id of this.due.keys()) {
      if (!present.has(id)) {
        this.due.delete(id);
        this.requested.delete(id);
        this.o.onHostGone?.(id);
      }
    }
    const free = this.o.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const due: HostRecord[] = [];
    for (const host of hosts) {
      if (this.inFlight.has(host.id)) continue;
      if (awaitsTrust(host) && !this.requested.has(host.id)) continue;
      if (!this.due.has(host.id)) this.due.set(host.id, now + Math.random() * Math.min(this.o.intervalMs, 2000));
      if (this.due.get(host.id)! <= now) due.push(host);
    }
    // More hosts due than free slots (more hosts than polls fit in an interval): the longest overdue go first, so
    // every host is polled in turn, later than its interval, instead of the head of the list again and again.
    due.sort((a, b) => this.due.get(a.id)! - this.due.get(b.id)!);
    for (const host of due.slice(0, free)) this.launch(host);
  }

  private launch(host: HostRecord): void {
    this.requested.delete(host.id);
    const run = pollHost(this.o.db, host, this.o.transportFor(host), { script: this.o.script(), limits: this.o.limits })
      .catch((err: Error): PollOutcome => ({
        hostId: host.id,
        status: "probe-error",
        at: Date.now(),
        error: err.message,
        sample: null,
        rates: null,
      }))
      .then(async (outcome) => {
        const failures = outcome.status === "ok" ? 0 : host.consecutiveFailures + 1;
        this.due.set(host.id, Date.now() + this.nextDelay(failures));
        await this.refreshHost(host.id);
        this.emit("poll", outcome);
      })
      .finally(() => this.inFlight.delete(host.id));
    this.inFlight.set(host.id, run);
  }

  /** A poll changed its host's status, failure count and seen key: the list takes the stored record again. */
  private async refreshHost(id: number): Promise<void> {
    if (!this.hosts || this.stopping) return;
    const fresh = await getHost(this.o.db, id).catch(() => undefined);
    const i = this.hosts?.findIndex((h) => h.id === id) ?? -1;
    if (i < 0 || fresh === undefined) return;
    if (fresh) this.hosts![i] = fresh;
    else this.hosts!.splice(i, 1);
  }

  private nextDelay(failures: number): number {
    const base = this.o.intervalMs;
    const backoff = failures === 0 ? base : Math.min(base * 2 ** (failures - 1), Math.max(base, this.o.maxBackoffMs ?? 300_000));
    const spread = this.o.jitter ?? 0.1;
    return backoff * (1 - spread + Math.random() * 2 * spread);
  }
}

/**
 * An SSH host with no pinned key whose presented key is already on record: nothing more to learn
 * until a user trusts it (the connection stops at the key either way), so it is left alone.
 */
function awaitsTrust(host: Pick<HostRecord, "transport" | "hostKeyFingerprint" | "seenFingerprint">): boolean {
  return host.transport === "ssh" && !host.hostKeyFingerprint && !!host.seenFingerprint;
}
