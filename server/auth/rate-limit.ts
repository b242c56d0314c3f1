import "server-only";

/** A fixed-window counter per key, in memory (one twscope process serves the dashboard). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one event; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const w = this.current(key, now);
    w.count += 1;
    return this.wait(w, now);
  }

  /** The seconds to wait without counting anything. */
  check(key: string, now = Date.now()): number {
    return this.wait(this.current(key, now), now);
  }

  /** Takes back one counted event (one that turned out not to count, e.g. a right password). */
  refund(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count -= 1;
  }

  resetWhere(match: (key: string) => boolean): void {
    for (const k of this.windows.keys()) if (match(k)) this.windows.delete(k);
  }

  private current(key: string, now: number) {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  private wait(w: { start: number; count: number }, now: number): number {
    return w.count > this.limit ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
