import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { beat, liveCollectors, markStopped } from "../db/collectors";
import type { Db } from "../db/db";
import { claimLeases, leasesOf, releaseLeases } from "../db/leases";
import { hostIdsOfZone } from "../db/zone-hosts";
import { ownerOf } from "./rendezvous";

export interface MembershipOptions {
  db: Db;
  /** Shown on the fleet page; defaults to `hostname:pid`. */
  name?: string;
  /** The zone this collector polls; null: the hosts without a zone. */
  zone: string | null;
  /** How long a lease lasts without renewal; a collector silent this long counts as gone. */
  leaseMs: number;
  /** Told whenever the set of hosts this collector holds changes. */
  onChange?: () => void;
  /** The duties this process holds now (shown with the collector). */
  roles?: () => string[];
}

/**
 * This process as one collector among any number on one database. Every `leaseMs / 3` it heartbeats, works out
 * which hosts of its zone are its own among the collectors alive (rendezvous hashing: stable, no herd when one
 * joins or leaves), gives back the leases of hosts that are no longer its own, and takes or renews the leases of
 * those that are, a host held by another only once that lease expired. It polls exactly the hosts it holds.
 */
export class Membership {
  readonly id = crypto.randomBytes(8).toString("hex");
  readonly name: string;
  private owned = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** A round due when a silent peer's lease runs out, sooner than the next regular one. */
  private wake: NodeJS.Timeout | null = null;
  /** When the first live peer's lease runs out if it stays silent. */
  private peerExpiry = Infinity;
  private running: Promise<void> | null = null;
  private readonly startedAt = Date.now();
  private polls = 0;
  private failedPolls = 0;
  private stopped = false;

  constructor(private readonly o: MembershipOptions) {
    this.name = o.name ?? `${os.hostname()}:${process.pid}`;
  }

  get zone(): string | null {
    return this.o.zone;
  }

  /** Whether this collector holds the lease of `hostId` (and so polls it). */
  owns(hostId: number): boolean {
    return this.owned.has(hostId);
  }

  get hosts(): number {
    return this.owned.size;
  }

  /** Whether it has joined (started and not stopped). */
  get joined(): boolean {
    return this.timer !== null;
  }

  /** Counts a poll this collector made, for the figures it reports. */
  countPoll(ok: boolean): void {
    this.polls++;
    if (!ok) this.failedPolls++;
  }

  private get roundMs(): number {
    return Math.max(200, Math.floor(this.o.leaseMs / 3));
  }

  /** Joins at once (so the first polls start within a moment), then keeps its place on a timer. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.step(), this.roundMs);
    this.timer.unref();
    await this.step();
  }

  /** One round: heartbeat, then leases. Rounds never overlap; a failed round leaves the held leases to expire. */
  step(now = Date.now()): Promise<void> {
    this.running ??= this.round(now)
      .catch((err: Error) => {
        if (this.o.db.open) console.error(`twscope: collector ${this.name}: ${err.message}`);
      })
      .finally(() => {
        this.running = null;
        this.wakeAtPeerExpiry();
      });
    return this.running;
  }

  /**
   * A peer alive heartbeats every round, so its lease runs out at least two rounds ahead. One that has gone
   * silent (killed, cut off) runs out sooner than that: a round is set for that moment, so its hosts are taken
   * over a lease after its last word rather than up to a round later.
   */
  private wakeAtPeerExpiry(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    const delay = this.peerExpiry - Date.now();
    if (!this.timer || this.stopped || delay >= this.roundMs) return;
    this.wake = setTimeout(() => void this.step(), Math.max(0, delay));
    this.wake.unref();
  }

  /** Leaves: stops heartbeating, gives back every lease and says so, so the other collectors take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    this.timer = this.wake = null;
    await this.running;
    this.setOwned([]);
    if (!this.o.db.open) return;
    await releaseLeases(this.o.db, this.id).catch(() => {});
    await markStopped(this.o.db, this.id, Date.now()).catch(() => {});
  }

  private async round(now: number): Promise<void> {
    const { db, zone, leaseMs } = this.o;
    if (this.stopped) return;
    await beat(db, {
      id: this.id,
      name: this.name,
      zone,
      hostname: os.hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      heartbeatAt: now,
      hosts: this.owned.size,
      polls: this.polls,
      failedPolls: this.failedPolls,
      roles: this.o.roles?.() ?? [],
    });
    const live = (await liveCollectors(db, now - leaseMs)).filter((c) => c.zone === zone);
    // Counted live while its heartbeat is at most a lease old: gone from the first millisecond after.
    this.peerExpiry = Math.min(Infinity, ...live.filter((c) => c.id !== this.id).map((c) => c.heartbeatAt + leaseMs + 1));
    const peers = live.map((c) => c.id);
    if (!peers.includes(this.id)) peers.push(this.id);
    const mine = (await hostIdsOfZone(db, zone)).filter((id) => ownerOf(id, peers) === this.id);
    const wanted = new Set(mine);
    const givenBack = (await leasesOf(db, this.id)).filter((id) => !wanted.has(id));
    // Stop polling them before the database says they are free, so no poll of ours overlaps the next owner's.
    this.setOwned([...this.owned].filter((id) => wanted.has(id)));
    if (givenBack.length > 0) await releaseLeases(db, this.id, givenBack);
    if (this.stopped) return;
    this.setOwned(await claimLeases(db, this.id, mine, now, now + leaseMs));
  }

  private setOwned(ids: readonly number[]): void {
    const next = new Set(ids);
    const changed = next.size !== this.owned.size || [...next].some((id) => !this.owned.has(id));
    this.owned = next;
    if (changed) this.o.onChange?.();
  }
}
