import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { insertHost, deleteHost } from "@/server/db/hosts";
import { openDatabase } from "@/server/db/open-database";
import { storeSample } from "@/server/ingest/record-sample";
import { insertSnapshot, markSnapshotRevoked } from "@/server/db/snapshots";
import { deleteHostSecret, storeHostSecret } from "@/server/secrets/secret-store";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { readFixture } from "../../support/fixtures";
import { sqliteConnection } from "@/tests/support/sqlite";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-privacy-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const holds = (file: string, marker: string) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(marker));

describe("the data directory and database files", () => {
  it("are created private to the service user: directory 0700, files 0600", async () => {
    const dir = path.join(root, "fresh", "data");
    const db = await openDatabase(path.join(dir, "twscope.db"));
    await db.run("INSERT INTO settings (key, value) VALUES ('x', 'y')");
    expect(modeOf(dir)).toBe(0o700);
    for (const f of ["twscope.db", "twscope.db-wal", "twscope.db-shm"]) expect([f, modeOf(path.join(dir, f))]).toEqual([f, 0o600]);
    await db.close();
  });

  it("are tightened on an install made before, with a log line for each", async () => {
    const dir = path.join(root, "old");
    fs.mkdirSync(dir);
    await (await openDatabase(path.join(dir, "twscope.db"))).close();
    // As an older twscope left them.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, "twscope.db"), 0o644);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const db = await openDatabase(path.join(dir, "twscope.db"));
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, "twscope.db"))).toBe(0o600);
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/old was readable by other users \(mode 755\); now 700/),
        expect.stringMatching(/twscope\.db was readable by other users \(mode 644\); now 600/),
      ]),
    );
    log.mockRestore();
    await db.close();
  });
});

describe("deleted data", () => {
  it("leaves no readable copy of a revoked snapshot, a removed host's samples or a cleared secret in the database or its log", async () => {
    const dir = path.join(root, "deleted");
    const file = path.join(dir, "twscope.db");
    const db = await openDatabase(file);
    const host = await insertHost(db, {
      name: "gone-host",
      address: "198.18.7.7",
      port: 22,
      username: "ops",
      authMethod: "agent",
      tags: [],
    });
    const sample = { ...parseProbeBundle(readFixture("bundles", "lab", "keepalive-healthy.txt")), hostname: "marker-hostname-4711" };
    await storeSample(db, { hostId: host.id, at: Date.now(), sample, rates: {} as never, bytes: 1, durationMs: 1 });
    const snapshotId = await insertSnapshot(db, {
      tokenHash: "h".repeat(64),
      kind: "host",
      title: "t",
      hostId: host.id,
      creatorId: null,
      creatorName: "a",
      redacted: false,
      createdAt: Date.now(),
      expiresAt: Date.now() + 86_400_000,
      payload: JSON.stringify({ frozen: "marker-frozen-json-0815" }),
    });
    const key = Buffer.alloc(32, 7);
    await storeHostSecret(db, key, host.id, { kind: "password", password: "p".repeat(64) });
    const secretRow = (await db.get("SELECT ciphertext FROM host_secrets")) as { ciphertext: Buffer };
    const cipherMarker = Buffer.from(secretRow.ciphertext).toString("latin1");
    sqliteConnection(db).pragma("wal_checkpoint(PASSIVE)");
    const files = [file, `${file}-wal`];
    // The markers are there while the data is live: otherwise this test could not fail.
    expect(files.some((f) => holds(f, "marker-frozen-json-0815"))).toBe(true);
    expect(files.some((f) => holds(f, "marker-hostname-4711"))).toBe(true);

    await markSnapshotRevoked(db, snapshotId, Date.now());
    await deleteHostSecret(db, host.id);
    await deleteHost(db, host.id);
    sqliteConnection(db).pragma("wal_checkpoint(PASSIVE)");
    for (const f of files) {
      expect([f, holds(f, "marker-frozen-json-0815")]).toEqual([f, false]);
      expect([f, holds(f, "marker-hostname-4711")]).toEqual([f, false]);
      expect([f, fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(cipherMarker, "latin1"))]).toEqual([f, false]);
    }
    await db.close();
  });
});
