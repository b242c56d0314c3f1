import "server-only";
import type { Statement } from "better-sqlite3";
import type { Db } from "./open-database";

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per database and reused: for the queries that run once per
 * host on every fleet request, compiling each time would cost more than running them.
 */
export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
