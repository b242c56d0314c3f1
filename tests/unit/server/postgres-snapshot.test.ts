import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertBundleHost } from "@/server/db/hosts";
import { openDatabase, type DatabaseTarget, type Db } from "@/server/db/open-database";
import { testDatabaseTarget } from "../../support/engines";

// PostgreSQL only: a plain transaction there gives each statement a newer view, which is why reads that must agree
// (the fleet page's counts, page and findings) run in `snapshot`. On SQLite every transaction is one view already.
describe("one view of the database on PostgreSQL", () => {
  let dir: string;
  let target: DatabaseTarget;
  let reader: Db;
  let writer: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-snapshot-"));
    target = await testDatabaseTarget(dir);
    reader = await openDatabase(target);
    writer = await openDatabase(target);
  });
  afterEach(async () => {
    await reader.close();
    await writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hosts = async (db: Db) => Number((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM hosts"))!.n);

  it("keeps a snapshot's reads on the view of its first statement while another process adds a host", async () => {
    const before = await hosts(reader);
    const seen = await reader.snapshot(async (t) => {
      const first = await hosts(t);
      await insertBundleHost(writer, "added-meanwhile", Date.now());
      return [first, await hosts(t)];
    });
    expect(seen).toEqual([before, before]);
    expect(await hosts(reader)).toBe(before + 1);
  });

  it("sees the other process's host inside a plain transaction, statement by statement", async () => {
    const before = await hosts(reader);
    const seen = await reader.tx(async (t) => {
      const first = await hosts(t);
      await insertBundleHost(writer, "added-meanwhile", Date.now());
      return [first, await hosts(t)];
    });
    expect(seen).toEqual([before, before + 1]);
  });

  it("refuses a write inside a snapshot", async () => {
    await expect(reader.snapshot((t) => insertBundleHost(t, "nope", Date.now()))).rejects.toThrow(/read-only transaction/);
  });
});
