import "server-only";
import type { Db } from "./db";

/** Where a statement run by `runPerHost` names its host (and kind): replaced by `host_id = ? AND` on SQLite, by nothing on PostgreSQL. */
export const HOST_SCOPE = "@@host@@";

/**
 * Runs `sql` (a fold or a delete over every host's rows, with `HOST_SCOPE` before its other conditions) and
 * returns the rows it changed. On SQLite once per host (and per kind, when `kinds` are given), so each run is a
 * range of the primary key and holds SQLite's one write lock briefly: a scan of the whole samples table would
 * hold it for most of a second on a large fleet. On PostgreSQL once for the whole fleet: readers never wait for
 * it, the time indexes (BRIN on the raw tables, B-trees on the rollups) find its rows, and 10,000 hosts cost
 * one statement a minute instead of 10,000 round trips each.
 */
export async function runPerHost(
  db: Db,
  hostIds: readonly number[],
  sql: string,
  args: unknown[],
  kinds: readonly string[] = [],
): Promise<number> {
  if (db.engine === "postgres") return db.run(sql.replaceAll(HOST_SCOPE, ""), args);
  const perHost = sql.replaceAll(HOST_SCOPE, kinds.length ? "host_id = ? AND kind = ? AND" : "host_id = ? AND");
  let changed = 0;
  for (const id of hostIds) {
    if (kinds.length) for (const kind of kinds) changed += await db.run(perHost, [id, kind, ...args]);
    else changed += await db.run(perHost, [id, ...args]);
  }
  return changed;
}

/** Every host's id, for `runPerHost` on SQLite (PostgreSQL runs once and needs none). */
export async function hostIdsFor(db: Db): Promise<number[]> {
  return db.engine === "postgres" ? [] : (await db.all<{ id: number }>("SELECT id FROM hosts")).map((h) => h.id);
}
