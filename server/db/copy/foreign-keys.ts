import "server-only";
import type { Db } from "../db";
import type { CopiedTable } from "./copy-plan";

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * Runs `load` with the foreign keys among `tables` dropped, then adds them back, which checks every loaded
 * row against its parent in one pass. Checked row by row instead (a trigger per row), a bulk load of samples
 * runs about three times slower. Inside a transaction, a failure restores the keys with everything else.
 */
export async function withForeignKeysCheckedAfter<T>(target: Db, tables: readonly CopiedTable[], load: () => Promise<T>): Promise<T> {
  const names = tables.map((t) => t.name);
  // Only each key's own row: a partition's copy of its table's key (conparentid ≠ 0) comes and goes with it.
  const keys = await target.all<ForeignKey>(
    `SELECT c.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND k.conparentid = 0 AND n.nspname = current_schema() AND c.relname = ANY(?)
     ORDER BY c.relname, k.conname`,
    [names],
  );
  for (const k of keys) await target.run(`ALTER TABLE "${k.table}" DROP CONSTRAINT "${k.name}"`);
  const result = await load();
  for (const k of keys) await target.run(`ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" ${k.definition}`);
  return result;
}
