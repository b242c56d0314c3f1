import "server-only";
import type { Db } from "../db";
import type { CopiedTable } from "./copy-plan";

/**
 * Moves each identity sequence past the largest copied id, so the next row PostgreSQL numbers gets the id
 * SQLite would have given it (copied rows carry their ids, which the sequences never saw).
 */
export async function resetIdentities(target: Db, tables: readonly CopiedTable[]): Promise<void> {
  for (const { name, identityColumns } of tables) {
    for (const column of identityColumns) {
      await target.get(`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX("${column}") FROM "${name}"), 0) + 1, false)`, [
        `"${name}"`,
        column,
      ]);
    }
  }
}
