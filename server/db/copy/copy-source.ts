import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../sqlite/migrations";
import { copyReason, CopyRefused } from "./copy-errors";

/**
 * The SQLite file a copy reads, opened read-only and held in one read transaction: every table is read as
 * of the same moment, even if a server still writes to the file (what it writes later is not copied).
 */
export class CopySource {
  private constructor(readonly connection: Database.Database) {}

  /** Opens `file` and checks that its schema is this twscope's; throws `CopyRefused` saying what to do otherwise. */
  static open(file: string): CopySource {
    if (!fs.existsSync(file)) throw new CopyRefused(copyReason("sourceMissing", { file }));
    const connection = new Database(file, { readonly: true, fileMustExist: true });
    try {
      checkSchemaVersion(connection, file);
      connection.exec("BEGIN");
      connection.prepare("SELECT COUNT(*) FROM sqlite_master").get(); // the read snapshot starts here
      return new CopySource(connection);
    } catch (err) {
      connection.close();
      throw err;
    }
  }

  count(table: string): number {
    return (this.connection.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }

  /** The first and last `ts` of a table's rows, or null when it has none. */
  timeSpan(table: string): { first: number; last: number } | null {
    const span = this.connection.prepare(`SELECT MIN(ts) AS first, MAX(ts) AS last FROM "${table}"`).get() as {
      first: number | null;
      last: number | null;
    };
    return span.first === null || span.last === null ? null : { first: span.first, last: span.last };
  }

  /** The table's rows as arrays of `columns`, one at a time (no table is ever held in memory whole). */
  rows(table: string, columns: readonly string[]): IterableIterator<unknown[]> {
    const list = columns.map((c) => `"${c}"`).join(", ");
    return this.connection.prepare(`SELECT ${list} FROM "${table}"`).raw(true).iterate() as IterableIterator<unknown[]>;
  }

  close(): void {
    if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
    this.connection.close();
  }
}

function checkSchemaVersion(connection: Database.Database, file: string): void {
  let version: number;
  let hasHosts: boolean;
  try {
    version = connection.pragma("user_version", { simple: true }) as number;
    hasHosts = connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hosts'").get() !== undefined;
  } catch (err) {
    throw new CopyRefused(copyReason("notSqlite", { file, why: (err as Error).message }));
  }
  const current = MIGRATIONS.length;
  if (version === 0 || !hasHosts) throw new CopyRefused(copyReason("notTwscope", { file }));
  if (version > current) throw new CopyRefused(copyReason("newerSchema", { file, version, current }));
  if (version < current) throw new CopyRefused(copyReason("olderSchema", { file, version, current }));
}
