import "server-only";
import type pg from "pg";
import type { Db } from "./db";
import { PostgresDb } from "./postgres/postgres-db";

/**
 * A duty that one process at a time performs (retention, notifying): whoever holds the lock of its name.
 * On PostgreSQL a session-level advisory lock, keyed by the duty and the database's name, on a connection kept
 * for it: when the process dies its connection closes and the lock is free for the next process that asks.
 * SQLite has one process: it always holds it.
 */
export interface LeaderLock {
  /** Whether this process holds the duty now, taking it when it is free. */
  held(): Promise<boolean>;
  release(): Promise<void>;
}

export function leaderLock(db: Db, name: string): LeaderLock {
  if (!(db instanceof PostgresDb)) return { held: async () => db.open, release: async () => {} };
  return new AdvisoryLock(db.pool, name);
}

const KEY = "hashtext('twscope:' || $1::text || ':' || current_database())";

class AdvisoryLock implements LeaderLock {
  private client: pg.PoolClient | null = null;
  private holding = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly name: string,
  ) {}

  async held(): Promise<boolean> {
    try {
      if (!this.client) {
        this.client = await this.pool.connect();
        // A connection lost while idle takes its lock with it: ask again on a new one next time.
        this.client.on("error", () => this.drop());
      }
      if (this.holding) {
        // The lock lives as long as this session: a session that still answers still holds it.
        await this.client.query("SELECT 1");
        return true;
      }
      const { rows } = await this.client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS got`, [this.name]);
      this.holding = rows[0]!.got;
      return this.holding;
    } catch {
      this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    if (this.holding) await client.query(`SELECT pg_advisory_unlock(${KEY})`, [this.name]).catch(() => {});
    this.holding = false;
    client.release();
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    this.holding = false;
    client?.release(true);
  }
}
