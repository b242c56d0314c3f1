import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Db, Params } from "../db";

const STATEMENT_CACHE_SIZE = 500;

/**
 * The storage interface over one better-sqlite3 connection. Statements run synchronously and are compiled
 * once per SQL text (most-recently-used kept). A transaction holds the connection: statements from
 * elsewhere wait their turn, so an `await` inside a transaction never lets another caller's statement
 * slip into it; a statement issued from inside the transaction's own work (through any handle of this
 * database) joins the transaction instead of waiting for it.
 */
export class SqliteDb implements Db {
  readonly engine = "sqlite" as const;
  private readonly statements = new Map<string, Statement>();
  private locked = false;
  private readonly waiters: (() => void)[] = [];
  private readonly scope = new AsyncLocalStorage<SqliteTx>();
  private purgeAfterCommit = false;

  constructor(readonly connection: Database.Database) {}

  get location(): string {
    return this.connection.name;
  }

  get open(): boolean {
    return this.connection.open;
  }

  get base(): Db {
    return this;
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.whenFree(() => this.allNow<T>(sql, params));
  }

  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.whenFree(() => this.getNow<T>(sql, params));
  }

  run(sql: string, params?: Params): Promise<number> {
    return this.whenFree(() => this.runNow(sql, params));
  }

  /** A SQLite transaction is one view of the database: its reads see no other connection's later commits. */
  async snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const joined = this.joined();
    return joined ? fn(joined) : this.tx(fn);
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const joined = this.joined();
    if (joined) return joined.tx(fn);
    await this.acquire();
    const handle = new SqliteTx(this, 0);
    try {
      return await this.scope.run(handle, () => this.transaction(handle, fn));
    } finally {
      handle.done = true;
      this.release();
    }
  }

  purgeDeleted(): Promise<void> {
    if (this.joined()) {
      this.purgeAfterCommit = true;
      return Promise.resolve();
    }
    return this.whenFree(() => this.checkpoint());
  }

  async close(): Promise<void> {
    if (this.locked) await this.acquire();
    this.statements.clear();
    this.connection.close();
  }

  /** The statement for `sql`, compiled once and kept among the most recently used. */
  statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt) this.statements.delete(sql);
    else stmt = this.connection.prepare(sql);
    this.statements.set(sql, stmt);
    if (this.statements.size > STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    return stmt;
  }

  allNow<T>(sql: string, params?: Params): T[] {
    return bind(this.statement(sql), params, (s, p) => s.all(...p)) as T[];
  }

  getNow<T>(sql: string, params?: Params): T | undefined {
    return bind(this.statement(sql), params, (s, p) => s.get(...p)) as T | undefined;
  }

  runNow(sql: string, params?: Params): number {
    return bind(this.statement(sql), params, (s, p) => s.run(...p)).changes;
  }

  /** Inside a transaction, the purge waits for its commit. */
  deferPurge(): void {
    this.purgeAfterCommit = true;
  }

  /** The transaction whose work is calling, if any (and it has not ended). */
  private joined(): SqliteTx | undefined {
    const tx = this.scope.getStore();
    return tx && !tx.done ? tx : undefined;
  }

  /** Runs `work` now when no transaction holds the connection (or the caller is inside it), else in its turn. */
  private async whenFree<R>(work: () => R): Promise<R> {
    if (!this.locked || this.joined()) return work();
    await this.acquire();
    try {
      return work();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Hands the connection to the next in line (it stays locked), or frees it. */
  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }

  private async transaction<T>(handle: SqliteTx, fn: (db: Db) => Promise<T>): Promise<T> {
    this.connection.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn(handle);
      this.connection.exec("COMMIT");
      if (this.purgeAfterCommit) this.checkpoint();
      return result;
    } catch (err) {
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      throw err;
    } finally {
      this.purgeAfterCommit = false;
    }
  }

  /**
   * Copies the WAL into the database (where `secure_delete` has overwritten deleted content) and empties
   * it, so no old page image of a deleted secret stays in the -wal file.
   */
  private checkpoint(): void {
    if (!this.connection.open) return;
    try {
      this.connection.pragma("wal_checkpoint(TRUNCATE)");
    } catch (err) {
      console.error("twscope: could not empty the write-ahead log:", (err as Error).message);
    }
  }
}

/** The handle a transaction's function gets: statements run at once, on the connection the transaction holds. */
class SqliteTx implements Db {
  readonly engine = "sqlite" as const;
  /** Set when the transaction has ended: work it started that outlives it no longer joins it. */
  done = false;

  constructor(
    private readonly owner: SqliteDb,
    private readonly depth: number,
  ) {}

  get location(): string {
    return this.owner.location;
  }

  get open(): boolean {
    return this.owner.open;
  }

  get base(): Db {
    return this.owner;
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.owner.allNow<T>(sql, params);
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.owner.getNow<T>(sql, params);
  }

  async run(sql: string, params?: Params): Promise<number> {
    return this.owner.runNow(sql, params);
  }

  async snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `tw${this.depth + 1}`;
    const conn = this.owner.connection;
    conn.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(new SqliteTx(this.owner, this.depth + 1));
      conn.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      conn.exec(`ROLLBACK TO ${name}`);
      conn.exec(`RELEASE ${name}`);
      throw err;
    }
  }

  async purgeDeleted(): Promise<void> {
    this.owner.deferPurge();
  }

  async close(): Promise<void> {
    throw new Error("a transaction's handle cannot close the database");
  }
}

function bind<R>(stmt: Statement, params: Params | undefined, call: (s: Statement, p: unknown[]) => R): R {
  if (params === undefined) return call(stmt, []);
  return call(stmt, Array.isArray(params) ? (params as unknown[]) : [params]);
}
