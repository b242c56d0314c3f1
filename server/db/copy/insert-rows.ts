import "server-only";
import type { Db } from "../db";
import { ensurePartitionsBetween } from "../postgres/partitions";
import type { CopiedTable } from "./copy-plan";

/** PostgreSQL's limit on a statement's parameters. */
const MAX_PARAMETERS = 65_535;
const BATCH_ROWS = 500;
/** A batch is also cut at this many bytes of text and blobs, so a table of large rows (full samples) stays bounded in memory. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Inserts `rows` (arrays in `table.columns` order, as SQLite gives them) into the target table, a multi-row
 * INSERT per batch, creating first the daily partitions a batch needs. Ids are inserted as they are.
 * Pulls rows only as fast as they are written, so memory holds one batch. Returns the rows inserted;
 * `onBatch` hears the running total after each batch.
 */
export async function insertRows(
  target: Db,
  table: CopiedTable,
  rows: Iterable<unknown[]>,
  onBatch: (inserted: number) => void = () => {},
): Promise<number> {
  const perBatch = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length));
  const ts = table.columns.indexOf("ts");
  const columns = table.columns.map((c) => `"${c}"`).join(", ");
  const tuple = `(${table.columns.map(() => "?").join(", ")})`;
  let batch: unknown[][] = [];
  let bytes = 0;
  let inserted = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    if (table.partitionedByDay) {
      const times = batch.map((r) => r[ts] as number);
      await ensurePartitionsBetween(target, Math.min(...times), Math.max(...times));
    }
    const values = Array.from({ length: batch.length }, () => tuple).join(", ");
    inserted += await target.run(`INSERT INTO "${table.name}" (${columns}) VALUES ${values}`, batch.flat());
    batch = [];
    bytes = 0;
    onBatch(inserted);
  };
  for (const row of rows) {
    batch.push(row);
    bytes += sizeOf(row);
    if (batch.length >= perBatch || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return inserted;
}

function sizeOf(row: unknown[]): number {
  let bytes = 0;
  for (const v of row) bytes += typeof v === "string" ? v.length : Buffer.isBuffer(v) ? v.length : 8;
  return bytes;
}
