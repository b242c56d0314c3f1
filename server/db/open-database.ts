import "server-only";
import { ensureBuiltinRules } from "./alert-rules";
import type { Db } from "./db";
import { openPostgres } from "./postgres/open-postgres";
import { openSqlite } from "./sqlite/open-sqlite";

export type { Db } from "./db";

export interface DatabaseTarget {
  /** The SQLite file, used when no PostgreSQL URL is given. */
  databaseFile: string;
  /** `postgres://…`: PostgreSQL instead of the SQLite file. */
  databaseUrl?: string | null;
}

/** Opens and migrates the store the configuration names: PostgreSQL when it has a URL, else the SQLite file (a path alone names one). */
export async function openDatabase(target: DatabaseTarget | string): Promise<Db> {
  const { databaseFile, databaseUrl } = typeof target === "string" ? { databaseFile: target, databaseUrl: null } : target;
  const db = databaseUrl ? await openPostgres(databaseUrl) : openSqlite(databaseFile);
  try {
    await ensureBuiltinRules(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
