import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ensureBuiltinRules } from "./alert-rules";
import { MIGRATIONS, NO_FOREIGN_KEYS } from "./migrations";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file with the pragmas twscope relies on, then migrates it.
 * The file holds password hashes and encrypted secrets: its directory is 0700 and the files 0600,
 * also on an install made before that (tightened with a log line). Deleted rows are overwritten
 * (`secure_delete`), so revoked snapshots, removed hosts and replaced secrets leave no readable copy.
 */
export function openDatabase(file: string): Db {
  makePrivate(file);
  const db = new Database(file);
  db.pragma("secure_delete = ON");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  ensureBuiltinRules(db);
  for (const f of [`${file}-wal`, `${file}-shm`]) tighten(f, 0o600);
  return db;
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

/**
 * After deleting something sensitive: copy the WAL into the database (where `secure_delete` has
 * overwritten the old content) and empty it, so no old page image of it stays in the -wal file.
 * Inside a transaction this waits until the transaction is over.
 */
export function purgeDeleted(db: Db): void {
  const run = () => {
    // Closing the last connection checkpoints the WAL and removes it: nothing is left to empty.
    if (!db.open) return;
    try {
      db.pragma("wal_checkpoint(TRUNCATE)");
    } catch (err) {
      console.error("twscope: could not empty the write-ahead log:", (err as Error).message);
    }
  };
  if (db.inTransaction) setImmediate(run);
  else run();
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
      if (withoutForeignKeys && (db.pragma("foreign_key_check") as unknown[]).length > 0)
        throw new Error(`migration ${current + i + 1} broke a foreign key`);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
    if (withoutForeignKeys) db.pragma("foreign_keys = ON");
  });
}
