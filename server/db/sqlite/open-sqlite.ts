import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, NO_FOREIGN_KEYS } from "./migrations";
import { SqliteDb } from "./sqlite-db";

/**
 * Opens (creating if needed) the SQLite file with the pragmas twscope relies on, then migrates it.
 * The file holds password hashes and encrypted secrets: its directory is 0700 and the files 0600,
 * also on an install made before that (tightened with a log line). Deleted rows are overwritten
 * (`secure_delete`), so revoked snapshots, removed hosts and replaced secrets leave no readable copy.
 */
export function openSqlite(file: string): SqliteDb {
  makePrivate(file);
  const conn = new Database(file);
  conn.pragma("secure_delete = ON");
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = NORMAL");
  conn.pragma("foreign_keys = ON");
  conn.pragma("busy_timeout = 5000");
  migrateSqlite(conn);
  for (const f of [`${file}-wal`, `${file}-shm`]) tighten(f, 0o600);
  return new SqliteDb(conn);
}

function makePrivate(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
  // SQLite gives its -wal and -shm files the mode of the database file.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  tighten(file, 0o600);
}

/** Removes group and other access from an existing file or directory, saying so when it had any. */
function tighten(p: string, mode: number): void {
  let current: number;
  try {
    current = fs.statSync(p).mode & 0o777;
  } catch {
    return;
  }
  if ((current & 0o077) === 0) return;
  fs.chmodSync(p, mode);
  console.log(`twscope: ${p} was readable by other users (mode ${current.toString(8)}); now ${mode.toString(8)}`);
}

function migrateSqlite(conn: Database.Database): void {
  const current = conn.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database schema (version ${current}) is newer than this twscope (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    const withoutForeignKeys = sql.trimStart().startsWith(NO_FOREIGN_KEYS);
    if (withoutForeignKeys) conn.pragma("foreign_keys = OFF");
    conn.transaction(() => {
      conn.exec(sql);
      if (withoutForeignKeys && (conn.pragma("foreign_key_check") as unknown[]).length > 0)
        throw new Error(`migration ${current + i + 1} broke a foreign key`);
      conn.pragma(`user_version = ${current + i + 1}`);
    })();
    if (withoutForeignKeys) conn.pragma("foreign_keys = ON");
  });
}
