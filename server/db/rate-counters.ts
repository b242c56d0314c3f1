import "server-only";
import type { Db } from "./db";

/** One limit's count for one client in its current window. */
export interface Counter {
  hits: number;
  /** When the window ends (ms): the next hit after it starts a new window. */
  resetsAt: number;
}

/**
 * Counts one hit in one statement: a new row, one more in the current window, or a new window once the
 * last has ended. Atomic on both engines: PostgreSQL locks the row and adds to its latest version, so
 * concurrent processes never lose a count; SQLite runs one statement at a time.
 */
const HIT = `
  INSERT INTO rate_counters (scope, key, hits, resets_at) VALUES (@scope, @key, 1, @resetsAt)
  ON CONFLICT (scope, key) DO UPDATE SET
    hits = CASE WHEN rate_counters.resets_at <= @now THEN 1 ELSE rate_counters.hits + 1 END,
    resets_at = CASE WHEN rate_counters.resets_at <= @now THEN @resetsAt ELSE rate_counters.resets_at END
  RETURNING hits, resets_at`;

export async function hitCounter(db: Db, scope: string, key: string, now: number, windowMs: number): Promise<Counter> {
  const row = await db.get<{ hits: number; resets_at: number }>(HIT, { scope, key, now, resetsAt: now + windowMs });
  return { hits: row!.hits, resetsAt: row!.resets_at };
}

/** The count of the current window, or null when there is none. */
export async function readCounter(db: Db, scope: string, key: string, now: number): Promise<Counter | null> {
  const row = await db.get<{ hits: number; resets_at: number }>(
    "SELECT hits, resets_at FROM rate_counters WHERE scope = ? AND key = ? AND resets_at > ?",
    [scope, key, now],
  );
  return row ? { hits: row.hits, resetsAt: row.resets_at } : null;
}

/** Takes one hit back from the current window (a window that has ended is left alone). */
export async function refundCounter(db: Db, scope: string, key: string, now: number): Promise<void> {
  await db.run("UPDATE rate_counters SET hits = hits - 1 WHERE scope = ? AND key = ? AND hits > 0 AND resets_at > ?", [scope, key, now]);
}

/** Forgets every count of a limit whose key starts with `prefix`. */
export async function deleteCountersByPrefix(db: Db, scope: string, prefix: string): Promise<number> {
  return db.run("DELETE FROM rate_counters WHERE scope = ? AND key LIKE ? ESCAPE '\\'", [scope, `${likeLiteral(prefix)}%`]);
}

/** Windows that have ended: any hit would start them again from nothing. */
export async function pruneRateCounters(db: Db, now: number): Promise<number> {
  return db.run("DELETE FROM rate_counters WHERE resets_at <= ?", [now]);
}

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
