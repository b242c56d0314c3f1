import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, NO_FOREIGN_KEYS } from "./migrations";

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file with the pragmas twscope relies on, then migrates it. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database schema (version ${current}) is newer than this twscope (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    const withoutForeignKeys = sql.trimStart().startsWith(NO_FOREIGN_KEYS);
    if (withoutForeignKeys) db.pragma("foreign_keys = OFF");
    db.transaction(() => {
      db.exec(sql);
      if (withoutForeignKeys && (db.pragma("foreign_key_check") as unknown[]).length > 0) throw new Error(`migration ${current + i + 1} broke a foreign key`);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
    if (withoutForeignKeys) db.pragma("foreign_keys = ON");
  });
}
