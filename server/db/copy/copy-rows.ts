import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../db";
import { transactionClient } from "../postgres/postgres-db";
import type { CopiedTable } from "./copy-plan";
import { copyTextLine } from "./copy-text";

/** Rows are sent in chunks of about this many characters; the stream's backpressure keeps memory at a few chunks. */
const CHUNK_CHARS = 256 * 1024;
/** `onRows` hears the running total every this many rows. */
const REPORT_EVERY = 50_000;

/**
 * Streams `rows` (arrays in `table.columns` order, as SQLite gives them) into the target table with one
 * `COPY … FROM STDIN` on the transaction's connection, pulling rows only as fast as PostgreSQL takes them.
 * Ids go in as they are. Returns the rows PostgreSQL says it copied.
 */
export async function copyRows(
  target: Db,
  table: CopiedTable,
  rows: Iterable<unknown[]>,
  onRows: (copied: number) => void = () => {},
): Promise<number> {
  const binary = table.columns.map((c) => table.binaryColumns.includes(c));
  function* chunks(): Generator<string> {
    let chunk = "";
    let count = 0;
    for (const row of rows) {
      chunk += copyTextLine(row, binary);
      if (++count % REPORT_EVERY === 0) onRows(count);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  const columns = table.columns.map((c) => `"${c}"`).join(", ");
  const copy = transactionClient(target).query(copyFrom(`COPY "${table.name}" (${columns}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), copy);
  return copy.rowCount;
}
