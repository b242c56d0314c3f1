import "server-only";
import type Database from "better-sqlite3";
import type { Db } from "../db";

export interface CopiedTable {
  name: string;
  /** In the SQLite table's order; PostgreSQL's table has the same names. */
  columns: string[];
  /** Range-partitioned by day on `ts` on PostgreSQL: the copy creates the days its rows need first. */
  partitionedByDay: boolean;
  /** PostgreSQL identity columns, whose sequences must continue after the copied ids. */
  identityColumns: string[];
  /** BYTEA columns on PostgreSQL (BLOB in SQLite): ciphertext, copied byte for byte. */
  binaryColumns: string[];
}

/** PostgreSQL's own bookkeeping, with no counterpart in SQLite (which keeps its version in `PRAGMA user_version`). */
const POSTGRES_ONLY = new Set(["schema_migrations"]);

/**
 * Every table of the SQLite schema, parents before children: a table comes after those its foreign keys
 * reference and after those whose triggers write to it (so a trigger's write, such as the hosts change marker's,
 * is overwritten by the copied row). The tables and columns are read from the source's schema and checked
 * against the target's, so a table added to one schema and not to the other stops the copy before it starts.
 */
export async function planCopy(source: Database.Database, target: Db): Promise<CopiedTable[]> {
  const sqlite = sqliteTables(source);
  const postgres = await postgresTables(target);
  const problems = schemaDifferences(sqlite, postgres);
  if (problems.length > 0) throw new Error(`the SQLite and PostgreSQL schemas differ: ${problems.join("; ")}`);
  return orderByDependencies(sqlite, dependencies(source, new Set(sqlite.keys()))).map((name) => ({
    name,
    columns: sqlite.get(name)!,
    partitionedByDay: postgres.get(name)!.partitionedByDay,
    identityColumns: postgres.get(name)!.identityColumns,
    binaryColumns: postgres.get(name)!.binaryColumns,
  }));
}

function sqliteTables(source: Database.Database): Map<string, string[]> {
  const names = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  return new Map(names.map((t) => [t, source.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").pluck().all(t) as string[]]));
}

type PostgresTable = Omit<CopiedTable, "name">;

async function postgresTables(target: Db): Promise<Map<string, PostgresTable>> {
  const tables = await target.all<{ name: string; partition_key: string | null }>(
    `SELECT c.relname AS name, pg_get_partkeydef(c.oid) AS partition_key
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  const columns = await target.all<{ table_name: string; column_name: string; is_identity: string; data_type: string }>(
    `SELECT table_name, column_name, is_identity, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const result = new Map<string, PostgresTable>();
  for (const t of tables) {
    if (POSTGRES_ONLY.has(t.name)) continue;
    if (t.partition_key !== null && t.partition_key !== "RANGE (ts)")
      throw new Error(`${t.name} is partitioned by ${t.partition_key}; the copy knows daily partitions on ts only`);
    const own = columns.filter((c) => c.table_name === t.name);
    result.set(t.name, {
      columns: own.map((c) => c.column_name),
      partitionedByDay: t.partition_key !== null,
      identityColumns: own.filter((c) => c.is_identity === "YES").map((c) => c.column_name),
      binaryColumns: own.filter((c) => c.data_type === "bytea").map((c) => c.column_name),
    });
  }
  return result;
}

function schemaDifferences(sqlite: Map<string, string[]>, postgres: Map<string, PostgresTable>): string[] {
  const problems: string[] = [];
  for (const [name, columns] of sqlite) {
    const other = postgres.get(name);
    if (!other) {
      problems.push(`table ${name} is not in PostgreSQL`);
      continue;
    }
    const missing = columns.filter((c) => !other.columns.includes(c));
    const extra = other.columns.filter((c) => !columns.includes(c));
    if (missing.length > 0) problems.push(`${name}.${missing.join(`, ${name}.`)} not in PostgreSQL`);
    if (extra.length > 0) problems.push(`${name}.${extra.join(`, ${name}.`)} not in SQLite`);
  }
  for (const name of postgres.keys()) if (!sqlite.has(name)) problems.push(`table ${name} is not in SQLite`);
  return problems;
}

/** For each table, the tables that must be copied before it: those its foreign keys reference, and those whose triggers write to it. */
function dependencies(source: Database.Database, tables: Set<string>): Map<string, Set<string>> {
  const before = new Map([...tables].map((t) => [t, new Set<string>()]));
  for (const t of tables) {
    for (const parent of source.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(t) as string[])
      if (parent !== t) before.get(t)!.add(parent);
  }
  const triggers = source.prepare("SELECT tbl_name AS on_table, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
    on_table: string;
    sql: string;
  }[];
  for (const { on_table, sql } of triggers) {
    const body = sql.slice(sql.search(/\bBEGIN\b/i));
    for (const m of body.matchAll(/\b(?:UPDATE|INSERT\s+INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+"?(\w+)"?/gi)) {
      const written = m[1]!;
      if (tables.has(written) && written !== on_table) before.get(written)!.add(on_table);
    }
  }
  return before;
}

/** Tables in an order that puts each after everything it depends on (by name among equals, so the order is stable). */
function orderByDependencies(tables: Map<string, string[]>, before: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.size) {
    const next = [...tables.keys()].find((t) => !placed.has(t) && [...before.get(t)!].every((d) => placed.has(d)));
    if (!next) throw new Error("the tables' foreign keys and triggers form a cycle; the copy has no order to insert them in");
    order.push(next);
    placed.add(next);
  }
  return order;
}
