import "server-only";

/** Values for the `?` placeholders in order, or for `@name` placeholders by name (not both in one statement). */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export type Engine = "sqlite" | "postgres";

/**
 * The one storage interface every module of `server/db/` writes its SQL against, implemented for SQLite
 * (better-sqlite3, the embedded default) and PostgreSQL (pg). SQL is written once, in the subset both
 * engines read (`?` or `@name` placeholders, `ON CONFLICT`, `RETURNING`); what differs is asked of `engine`.
 * Integers come back as numbers on both (timestamps are milliseconds, far below 2^53).
 */
export interface Db {
  readonly engine: Engine;
  /** Where the data lives, for messages: the SQLite file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** The database this handle belongs to: itself, or the one a transaction's handle runs in. */
  readonly base: Db;
  /** False once closed: work that finishes later (a send, a poll) then stores nothing. */
  readonly open: boolean;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
  /**
   * Runs `fn` in one transaction on the handle it is given, committed when it resolves and rolled back when it
   * throws. Nested calls are savepoints. Do no network I/O inside: on SQLite every other query waits for it.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs the reads of `fn` on one consistent view of the database, as of its first statement: a transaction on
   * SQLite, `REPEATABLE READ READ ONLY` on PostgreSQL (whose plain transactions give each statement a newer view).
   * Inside a transaction, `fn` runs in it.
   */
  snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** After deleting something sensitive: leave no readable copy of it behind (SQLite's write-ahead log). */
  purgeDeleted(): Promise<void>;
  close(): Promise<void>;
}
