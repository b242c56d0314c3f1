import "server-only";

export interface TableCount {
  table: string;
  /** Rows in the SQLite file. */
  source: number;
  /** Rows in the PostgreSQL table after the copy, counted there. */
  target: number;
  ms: number;
}

export interface CopyReport {
  tables: TableCount[];
  ms: number;
}

export const countsMatch = (report: CopyReport): boolean => report.tables.every((t) => t.source === t.target);
