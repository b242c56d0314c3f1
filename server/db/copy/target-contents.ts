import "server-only";
import type { Db } from "../db";
import type { CopiedTable } from "./copy-plan";

/**
 * The rows a freshly migrated twscope database holds before anyone uses it, per table (a SQL condition):
 * the built-in localhost host, the hosts change marker, and the built-in alert rules as shipped. They are not
 * data a copy could destroy; any other row is.
 */
const FRESH_INSTALL_ROWS: Readonly<Record<string, string>> = {
  hosts: "transport = 'local' AND name = 'localhost'",
  change_markers: "TRUE",
  alert_rules: "builtin = 1 AND updated_at = created_at",
};

export interface HeldRows {
  table: string;
  rows: number;
}

/** The tables of the target that hold twscope data beyond a fresh install's, with how many rows; empty when it holds none. */
export async function twscopeDataIn(target: Db, tables: readonly CopiedTable[]): Promise<HeldRows[]> {
  const held: HeldRows[] = [];
  for (const { name } of tables) {
    const fresh = FRESH_INSTALL_ROWS[name];
    const where = fresh ? ` WHERE NOT (${fresh})` : "";
    const { n } = (await target.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"${where}`))!;
    if (n > 0) held.push({ table: name, rows: n });
  }
  return held;
}
