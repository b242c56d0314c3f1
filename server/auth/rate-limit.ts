import "server-only";
import type { Db } from "../db/db";
import { hitCounter, readCounter, refundCounter, type Counter } from "../db/rate-counters";

/**
 * A fixed-window limit per key (a client, a user), counted in the database so that every twscope
 * process on it shares one count: `limit` events per window allowed, the next refused until the
 * window is over. Each call is one statement. A database error is thrown, never taken as "allowed".
 */
export class SharedRateLimiter {
  constructor(
    /** Names the limit in `rate_counters`; two limits never share one. */
    readonly scope: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one event; resolves to the seconds to wait when the key is over its limit, else 0. */
  async hit(db: Db, key: string, now = Date.now()): Promise<number> {
    return this.wait(await hitCounter(db, this.scope, key, now, this.windowMs), now);
  }

  /** The seconds `hit` would answer, without counting anything: a read, so a refused client costs no write. */
  async check(db: Db, key: string, now = Date.now()): Promise<number> {
    const counter = await readCounter(db, this.scope, key, now);
    return this.wait(counter && { ...counter, hits: counter.hits + 1 }, now);
  }

  /** Takes back one counted event (one that turned out not to count, e.g. a right password). */
  async refund(db: Db, key: string, now = Date.now()): Promise<void> {
    await refundCounter(db, this.scope, key, now);
  }

  private wait(counter: Counter | null, now: number): number {
    return counter && counter.hits > this.limit ? Math.max(1, Math.ceil((counter.resetsAt - now) / 1000)) : 0;
  }
}
