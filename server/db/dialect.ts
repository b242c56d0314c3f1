import "server-only";
import type { Db } from "./db";

/** SQL for the text of `key` at the top of the JSON held in a text `column` (a string as is, an object as JSON). */
export function jsonText(db: Db, column: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON key this helper takes: ${key}`);
  return db.engine === "sqlite" ? `json_extract(${column}, '$.${key}')` : `(${column}::json ->> '${key}')`;
}

/** `UPDATE SET` for every column but the key ones, from the row an `ON CONFLICT` refused (`excluded`). */
export const setExcluded = (columns: readonly string[]) => columns.map((c) => `${c} = excluded.${c}`).join(", ");
