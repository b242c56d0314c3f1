import "server-only";
import type { Db } from "../db";

const DAY_MS = 86_400_000;
/** The tables partitioned by day on `ts` (server/db/postgres/migrations.ts). */
const DAILY_TABLES = ["samples", "breakdown_samples"] as const;
type DailyTable = (typeof DAILY_TABLES)[number];

/** Days (their first millisecond) known to have their partitions, per database. */
const ready = new WeakMap<Db, Set<number>>();

const dayOf = (ts: number) => Math.floor(ts / DAY_MS) * DAY_MS;
const partitionName = (table: DailyTable, day: number) => `${table}_${new Date(day).toISOString().slice(0, 10).replace(/-/g, "")}`;

/**
 * Makes sure the daily partitions holding `ts` exist (PostgreSQL only; SQLite has one table). Each process
 * creates a day once; several processes creating the same day race harmlessly (the loser sees it exists).
 */
export async function ensureDayPartitions(db: Db, ts: number): Promise<void> {
  if (db.engine !== "postgres") return;
  const day = dayOf(ts);
  let days = ready.get(db.base);
  if (!days) ready.set(db.base, (days = new Set()));
  if (days.has(day)) return;
  for (const table of DAILY_TABLES) {
    // A savepoint (or a transaction of its own): a lost race must not abort the caller's transaction.
    await db
      .tx((t) =>
        t.run(
          `CREATE TABLE IF NOT EXISTS ${partitionName(table, day)} PARTITION OF ${table} FOR VALUES FROM (${day}) TO (${day + DAY_MS})`,
        ),
      )
      .catch((err: Error & { code?: string }) => {
        if (err.code !== "42P07" && err.code !== "23505") throw err;
      });
  }
  days.add(day);
}

/** The daily partitions for every day from `from` to `to` (for bulk writes that bypass the write path, as seeding does). */
export async function ensurePartitionsBetween(db: Db, from: number, to: number): Promise<void> {
  for (let day = dayOf(from); day <= to; day += DAY_MS) await ensureDayPartitions(db, day);
}

/** The daily partitions of `table` whose whole day ended at or before `before`, oldest first. */
async function partitionsBefore(db: Db, table: DailyTable, before: number): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = ? ORDER BY c.relname`,
    [table],
  );
  return rows
    .map((r) => r.name)
    .filter((name) => {
      const m = /_(\d{4})(\d{2})(\d{2})$/.exec(name);
      return m !== null && Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS <= before;
    });
}

/**
 * Drops the daily partitions of `table` that hold nothing newer than `before` (PostgreSQL only): retention
 * then costs a catalogue change, not a delete of millions of rows. Returns the rows they held.
 */
export async function dropDaysBefore(db: Db, table: DailyTable, before: number): Promise<number> {
  if (db.engine !== "postgres") return 0;
  let rows = 0;
  for (const name of await partitionsBefore(db, table, before)) {
    rows += (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`))!.n;
    await db.run(`DROP TABLE IF EXISTS ${name}`);
  }
  return rows;
}
