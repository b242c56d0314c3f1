import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { Db, Params } from "../db";
import { toPostgres } from "./placeholders";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** int8 (counts, millisecond timestamps) and numeric (AVG, SUM) as numbers, as SQLite gives them. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

export const poolOptions = (url: string, max = 10): pg.PoolConfig => ({
  connectionString: url,
  max,
  types: TYPES,
  application_name: "twscope",
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 10_000,
});

async function query<T>(on: Queryable, sql: string, params: Params | undefined): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  const { text, values } = toPostgres(sql, params);
  return on.query<T & pg.QueryResultRow>(text, values);
}

/**
 * The storage interface over a pg pool; a transaction holds one pooled connection until it ends, and a
 * statement issued from inside the transaction's own work (through any handle of this database) joins it.
 */
export class PostgresDb implements Db {
  readonly engine = "postgres" as const;
  private readonly scope = new AsyncLocalStorage<PostgresTx>();

  constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  get open(): boolean {
    return !this.pool.ended && !this.pool.ending;
  }

  get base(): Db {
    return this;
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await query<T>(this.on(), sql, params)).rows;
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await query<T>(this.on(), sql, params)).rows[0];
  }

  async run(sql: string, params?: Params): Promise<number> {
    return (await query(this.on(), sql, params)).rowCount ?? 0;
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const joined = this.joined();
    if (joined) return joined.tx(fn);
    return this.begin("BEGIN", fn);
  }

  async snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const joined = this.joined();
    if (joined) return fn(joined);
    return this.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
  }

  private async begin<T>(statement: string, fn: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const handle = new PostgresTx(client, 0, this.location, this);
    try {
      await client.query(statement);
      const result = await this.scope.run(handle, () => fn(handle));
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      handle.done = true;
      client.release();
    }
  }

  /** The transaction whose work is calling, if any (and it has not ended). */
  private joined(): PostgresTx | undefined {
    const tx = this.scope.getStore();
    return tx && !tx.done ? tx : undefined;
  }

  private on(): Queryable {
    return this.joined()?.client ?? this.pool;
  }

  /** Deleted rows are gone from every query at once; VACUUM reclaims their space (PostgreSQL keeps no separate log to empty). */
  async purgeDeleted(): Promise<void> {}

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class PostgresTx implements Db {
  readonly engine = "postgres" as const;
  /** Set when the transaction has ended: work it started that outlives it no longer joins it. */
  done = false;

  constructor(
    readonly client: pg.PoolClient,
    private readonly depth: number,
    readonly location: string,
    readonly base: Db,
  ) {}

  readonly open = true;

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await query<T>(this.client, sql, params)).rows;
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await query<T>(this.client, sql, params)).rows[0];
  }

  async run(sql: string, params?: Params): Promise<number> {
    return (await query(this.client, sql, params)).rowCount ?? 0;
  }

  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `tw${this.depth + 1}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(new PostgresTx(this.client, this.depth + 1, this.location, this.base));
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    }
  }

  async snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async purgeDeleted(): Promise<void> {}

  async close(): Promise<void> {
    throw new Error("a transaction's handle cannot close the database");
  }
}

/** The connection a PostgreSQL transaction's handle runs on, for what the storage interface has no verb for (COPY). */
export function transactionClient(db: Db): pg.PoolClient {
  if (!(db instanceof PostgresTx) || db.done) throw new Error("not the handle of an open PostgreSQL transaction");
  return db.client;
}
