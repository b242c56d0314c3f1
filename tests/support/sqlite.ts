import type Database from "better-sqlite3";
import type { Db } from "@/server/db/db";
import { SqliteDb } from "@/server/db/sqlite/sqlite-db";

/** The better-sqlite3 connection under a SQLite store, for tests of what only SQLite has (pragmas, the file's pages). */
export function sqliteConnection(db: Db): Database.Database {
  if (!(db instanceof SqliteDb)) throw new Error(`this test needs SQLite, not ${db.engine}`);
  return db.connection;
}
