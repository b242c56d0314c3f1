import "server-only";
import pg from "pg";
import { MIGRATIONS } from "./migrations";
import { poolOptions, PostgresDb } from "./postgres-db";
import { withoutPassword } from "./url-password";

/** Any number: the advisory lock that makes one process at a time migrate a database. */
const MIGRATION_LOCK = 0x7477_0001;

/** Connects to PostgreSQL and migrates the schema (one process at a time, under an advisory lock). */
export async function openPostgres(url: string): Promise<PostgresDb> {
  const pool = new pg.Pool(poolOptions(url));
  // An idle client that loses its server emits 'error' on the pool; unheard, it would end the process.
  pool.on("error", (err) => console.error("twscope: PostgreSQL connection lost:", err.message));
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`PostgreSQL at ${withoutPassword(url)}: ${(err as Error).message}`);
  }
  return new PostgresDb(pool, withoutPassword(url));
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const { rows } = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
    const current = rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database schema (version ${current}) is newer than this twscope (${MIGRATIONS.length})`);
    }
    for (let v = current + 1; v <= MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v - 1]!);
      await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [v, Date.now()]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
