import "server-only";
import type { Db } from "../db/db";
import { leaderLock, type LeaderLock } from "../db/leader-lock";

/** How long a yes or no about holding a duty is trusted before the lock is asked again. */
const RECHECK_MS = 2_000;

/**
 * A cluster-wide duty (retention, notifying) that one process at a time performs: this process performs it while
 * it holds the duty's lock (server/db/leader-lock.ts), and another takes it over within moments when it dies.
 */
export class Duty {
  private readonly lock: LeaderLock;
  private known: { held: boolean; at: number } | null = null;

  constructor(
    db: Db,
    readonly name: string,
  ) {
    this.lock = leaderLock(db, name);
  }

  /** Whether this process performs the duty now (asking the lock at most every 2 s). */
  async active(now = Date.now()): Promise<boolean> {
    if (this.known && now - this.known.at < RECHECK_MS) return this.known.held;
    const held = await this.lock.held();
    this.known = { held, at: now };
    return held;
  }

  /** What was last learned, without asking: for the roles a collector reports. */
  get holding(): boolean {
    return this.known?.held ?? false;
  }

  async release(): Promise<void> {
    this.known = null;
    await this.lock.release();
  }
}
