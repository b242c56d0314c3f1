import crypto from "node:crypto";
import path from "node:path";
import { inject, it } from "vitest";
import type { Db, Engine } from "@/server/db/db";
import { openDatabase, type DatabaseTarget } from "@/server/db/open-database";
import { createDatabase } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** The storage engine this test project runs the storage and service tests on. */
    engine: Engine;
  }
}

/** The engine of this run's project: "sqlite", or "postgres" for the second pass of the storage and service tests. */
const ENGINE: Engine = inject("engine");

/** Whether this file runs on SQLite. */
const onSqlite = ENGINE === "sqlite";

/**
 * A test of what only SQLite has (its file, `user_version` migrations from old files): registered on the
 * SQLite pass only, so the PostgreSQL pass has no skipped test. PostgreSQL's own schema and migrations are
 * tested in tests/unit/server/postgres-*.test.ts.
 */
export function itOnSqlite(name: string, fn: () => Promise<void>): void {
  if (onSqlite) it(name, fn);
}

/** A new empty PostgreSQL database on the project's server, by URL. */
async function freshPostgresUrl(): Promise<string> {
  const admin = inject("postgresAdminUrl");
  if (!admin)
    throw new Error("the postgres test project has no PostgreSQL server (Debian package postgresql; npm test installs it as root)");
  return createDatabase(admin, `t_${crypto.randomBytes(6).toString("hex")}`);
}

/** The settings that put a context's store on this project's engine: nothing for SQLite, a new database for PostgreSQL. */
export async function engineEnv(): Promise<Record<string, string>> {
  return ENGINE === "postgres" ? { TWSCOPE_DATABASE_URL: await freshPostgresUrl() } : {};
}

/** Where a new store of this project's engine lives: a SQLite file in `dir`, or a new database on its PostgreSQL server. */
export async function testDatabaseTarget(dir: string, file = "t.db"): Promise<DatabaseTarget> {
  const databaseFile = path.join(dir, file);
  return ENGINE === "postgres" ? { databaseFile, databaseUrl: await freshPostgresUrl() } : { databaseFile };
}

/** A migrated, empty store of this project's engine (see `testDatabaseTarget`). */
export async function openTestDatabase(dir: string, file = "t.db"): Promise<Db> {
  return openDatabase(await testDatabaseTarget(dir, file));
}
