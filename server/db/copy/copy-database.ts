import "server-only";
import type { Db } from "../db";
import { openPostgres } from "../postgres/open-postgres";
import { ensurePartitionsBetween } from "../postgres/partitions";
import { planCopy, type CopiedTable } from "./copy-plan";
import type { Message } from "@/lib/i18n/message";
import { CopyFailed, copyReason, CopyRefused, CountsDiffer } from "./copy-errors";
import { countsMatch, type CopyReport, type TableCount } from "./copy-report";
import { CopySource } from "./copy-source";
import { copyRows } from "./copy-rows";
import { withForeignKeysCheckedAfter } from "./foreign-keys";
import { resetIdentities } from "./reset-identities";
import { twscopeDataIn, type HeldRows } from "./target-contents";

export interface CopyOptions {
  /** The SQLite file. */
  from: string;
  /** The PostgreSQL database, `postgres://…`. */
  to: string;
  /** Delete the twscope data the target already holds (in the copy's transaction); without it such a target is refused. */
  replace: boolean;
  progress?: CopyProgress;
}

export interface CopyProgress {
  tableStarted?(table: string, rows: number): void;
  /** Every so many rows while a table is copied: the rows of it sent so far. */
  rowsCopied?(table: string, rows: number): void;
  tableCopied?(table: string, rows: number, ms: number): void;
}

/** Any number: the advisory lock that keeps two copies from filling one database at once. */
const COPY_LOCK = 0x7477_0002;

/**
 * Copies every table of a twscope SQLite file into a PostgreSQL database (migrated to this twscope's schema
 * first), ids and history included, and compares each table's row count on both sides.
 *
 * It all happens in one PostgreSQL transaction: a failure at any point, counts that differ included, rolls
 * it back and leaves the target's data as it was, and other clients of the target never see half a copy.
 * Throws `CopyRefused` when the source or target is not fit, `CountsDiffer` (with the counts) when they differ.
 */
export async function copyToPostgres(options: CopyOptions): Promise<CopyReport> {
  const source = CopySource.open(options.from);
  try {
    const target = await openTarget(options.to);
    try {
      return await copyInto(source, target, options);
    } catch (err) {
      if (err instanceof CopyRefused || err instanceof CopyFailed || err instanceof CountsDiffer) throw err;
      throw new Error(`${(err as Error).message}; the copy was rolled back, the target holds what it held before`, { cause: err });
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}

async function openTarget(url: string): Promise<Db> {
  try {
    return await openPostgres(url);
  } catch (err) {
    // The message names the server (without the password) and why it failed.
    throw new CopyRefused(copyReason("targetUnopenable", { why: (err as Error).message }));
  }
}

async function copyInto(source: CopySource, target: Db, { replace, progress = {} }: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const plan = await planCopy(source.connection, target);
  return target.tx(async (tx) => {
    await tx.get("SELECT pg_advisory_xact_lock(?)", [COPY_LOCK]);
    const held = await twscopeDataIn(tx, plan);
    if (held.length > 0 && !replace) throw new CopyRefused(targetHoldsData(target.location, held));
    await tx.run(`TRUNCATE ${plan.map((t) => `"${t.name}"`).join(", ")}`);
    const times = new Map<string, number>();
    await withForeignKeysCheckedAfter(tx, plan, async () => {
      for (const table of plan) times.set(table.name, await copyTable(source, tx, table, progress));
    });
    await resetIdentities(tx, plan);
    const tables: TableCount[] = [];
    for (const { name } of plan) {
      const { n } = (await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`))!;
      tables.push({ table: name, source: source.count(name), target: n, ms: times.get(name)! });
    }
    const report = { tables, ms: performance.now() - started };
    if (!countsMatch(report)) throw new CountsDiffer(report);
    return report;
  });
}

async function copyTable(source: CopySource, target: Db, table: CopiedTable, progress: CopyProgress): Promise<number> {
  const started = performance.now();
  progress.tableStarted?.(table.name, source.count(table.name));
  let rows: number;
  try {
    const span = table.partitionedByDay ? source.timeSpan(table.name) : null;
    if (span) await ensurePartitionsBetween(target, span.first, span.last);
    rows = await copyRows(target, table, source.rows(table.name, table.columns), (n) => progress.rowsCopied?.(table.name, n));
  } catch (err) {
    throw new CopyFailed(copyReason("tableFailed", { table: table.name, why: (err as Error).message }), { cause: err });
  }
  const ms = performance.now() - started;
  progress.tableCopied?.(table.name, rows, ms);
  return ms;
}

function targetHoldsData(location: string, held: readonly HeldRows[]): Message {
  return copyReason("targetHoldsData", { location, held: heldList(held) });
}

/** "hosts: 1 row, samples: 20 rows", each table's count said in the reader's language. */
function heldList([first, ...rest]: readonly HeldRows[]): Message {
  const one = copyReason("held", { table: first!.table, rows: first!.rows });
  return rest.length === 0 ? one : copyReason("heldMore", { first: one, rest: heldList(rest) });
}
