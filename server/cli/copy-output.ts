import "server-only";
import type { CopyProgress } from "../db/copy/copy-database";
import { countsMatch, type CopyReport } from "../db/copy/copy-report";

const n = (x: number) => x.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The counts of every table on both sides, aligned, and the verdict. */
export function countsTable(report: CopyReport): string {
  const rows = report.tables.map((t) => [t.table, n(t.source), n(t.target), t.source === t.target ? "ok" : "DIFFERS"]);
  const total = (pick: (t: CopyReport["tables"][number]) => number) => n(report.tables.reduce((s, t) => s + pick(t), 0));
  const all = [["table", "SQLite", "PostgreSQL", ""], ...rows, ["total", total((t) => t.source), total((t) => t.target), ""]];
  const width = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(width[0]!)}  ${r[1]!.padStart(width[1]!)}  ${r[2]!.padStart(width[2]!)}  ${r[3]}`.trimEnd();
  return `${all.map(line).join("\n")}\n${verdict(report)}\n`;
}

function verdict(report: CopyReport): string {
  if (countsMatch(report))
    return `verified: all ${report.tables.length} tables hold as many rows in PostgreSQL as in the SQLite file (copied in ${seconds(report.ms)})`;
  const differing = report.tables.filter((t) => t.source !== t.target).map((t) => t.table);
  return `FAILED: the row counts differ in ${differing.join(", ")}; the copy was rolled back, the target is as it was`;
}

/** Progress lines for standard error: each table when done, and a large table's running count every few seconds. */
export function progressPrinter(write: (line: string) => void, everyMs = 5000): CopyProgress {
  let expected = 0;
  let lastReport = 0;
  return {
    tableStarted(_table: string, rows: number) {
      expected = rows;
      lastReport = performance.now();
    },
    rowsCopied(table: string, rows: number) {
      if (performance.now() - lastReport < everyMs) return;
      lastReport = performance.now();
      write(`  ${table}: ${n(rows)} of ${n(expected)} rows…`);
    },
    tableCopied(table: string, rows: number, ms: number) {
      const rate = ms >= 100 ? ` (${n(Math.round((rows / ms) * 1000))} rows/s)` : "";
      write(`  ${table}: ${n(rows)} row${rows === 1 ? "" : "s"} in ${seconds(ms)}${rate}`);
    },
  };
}
