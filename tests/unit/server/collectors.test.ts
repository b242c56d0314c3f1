import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Membership } from "@/server/collect/membership";
import { ownerOf } from "@/server/collect/rendezvous";
import { collectorCoverage, lacksCollector, liveCollectors } from "@/server/db/collectors";
import type { Db } from "@/server/db/db";
import { insertHost, updateHost } from "@/server/db/hosts";
import { claimLeases, leasesOf, releaseLeases } from "@/server/db/leases";
import { leaderLock } from "@/server/db/leader-lock";
import { openDatabase, type DatabaseTarget } from "@/server/db/open-database";
import { testDatabaseTarget } from "../../support/engines";

const LEASE = 15_000;
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

describe("rendezvous hashing of hosts over collectors", () => {
  const hosts = Array.from({ length: 3000 }, (_, i) => i + 1);
  const owners = (collectors: string[]) => new Map(hosts.map((h) => [h, ownerOf(h, collectors)]));

  it("gives every host one owner, about evenly", () => {
    const split = owners(["a", "b", "c"]);
    for (const c of ["a", "b", "c"]) expect([...split.values()].filter((o) => o === c).length).toBeGreaterThan(800);
    expect(ownerOf(7, [])).toBeNull();
  });

  it("moves only what a joining collector takes, and only a leaving collector's hosts", () => {
    const before = owners(["a", "b", "c"]);
    const joined = owners(["a", "b", "c", "d"]);
    const moved = hosts.filter((h) => before.get(h) !== joined.get(h));
    expect(moved.every((h) => joined.get(h) === "d")).toBe(true);
    expect(moved.length).toBeGreaterThan(600);
    expect(moved.length).toBeLessThan(900);
    const left = owners(["a", "c"]);
    expect(hosts.filter((h) => before.get(h) !== left.get(h)).every((h) => before.get(h) === "b")).toBe(true);
  });
});

describe("collectors sharing one database", () => {
  let dir: string;
  let target: DatabaseTarget;
  let db: Db;
  let other: Db;
  const members: Membership[] = [];
  const join = (handle: Db, zone: string | null = null, name?: string) => {
    const m = new Membership({ db: handle, zone, leaseMs: LEASE, ...(name ? { name } : {}) });
    members.push(m);
    return m;
  };
  const owned = (m: Membership, ids: number[]) => ids.filter((id) => m.owns(id));
  let ids: number[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-collectors-"));
    target = await testDatabaseTarget(dir);
    db = await openDatabase(target);
    // A second handle on the same database: its own connection, as another process has.
    other = await openDatabase(target);
    await db.run("DELETE FROM hosts");
    ids = [];
    for (let i = 0; i < 40; i++) {
      const h = await insertHost(db, { name: `h${i}`, address: `10.0.0.${i + 1}`, port: 22, username: "u", authMethod: "agent", tags: [] });
      ids.push(h.id);
    }
  });
  afterEach(async () => {
    for (const m of members.splice(0)) await m.stop();
    await Promise.all([db.close(), other.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("splits the hosts between two collectors, each host held by exactly one", async () => {
    const a = join(db, null, "a");
    const b = join(other, null, "b");
    await a.step(T0);
    expect(owned(a, ids)).toHaveLength(40);
    await b.step(T0 + 1000);
    await a.step(T0 + 2000); // a sees b and gives back b's share
    await b.step(T0 + 3000); // b takes it
    const ofA = owned(a, ids);
    const ofB = owned(b, ids);
    expect(ofA.length + ofB.length).toBe(40);
    expect(ofA.filter((id) => ofB.includes(id))).toEqual([]);
    expect(ofB.length).toBeGreaterThan(5);
    expect((await leasesOf(db, b.id)).sort()).toEqual([...ofB].sort());
  });

  it("hands a stopped collector's hosts to the other at once, and a silent one's once its leases expire", async () => {
    const a = join(db, null, "a");
    const b = join(other, null, "b");
    await a.step(T0);
    await b.step(T0);
    await a.step(T0 + 100);
    await b.step(T0 + 200);
    const ofB = owned(b, ids);
    expect(ofB.length).toBeGreaterThan(0);
    // b dies without a word: a keeps its own hosts until b's heartbeat and leases are older than a lease.
    await a.step(T0 + LEASE - 1000);
    expect(owned(a, ofB)).toEqual([]);
    await a.step(T0 + LEASE + 1000);
    expect(owned(a, ids)).toHaveLength(40);
    // A collector that stops cleanly gives its hosts back at once.
    const c = join(other, null, "c");
    await c.step(T0 + LEASE + 2000);
    await a.step(T0 + LEASE + 3000);
    await c.step(T0 + LEASE + 4000);
    const ofC = owned(c, ids);
    expect(ofC.length).toBeGreaterThan(0);
    await c.stop();
    await a.step(T0 + LEASE + 5000);
    expect(owned(a, ids)).toHaveLength(40);
  });

  it("takes a silent collector's hosts the moment its lease runs out, not a round later", async () => {
    // A fake clock and timers, so the rounds fall at known times; the database is real.
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"], now: T0 });
    // b's own connection: closing it is b's process dying, mid-lease, without a word.
    const dying = await openDatabase(target);
    try {
      let tookOver = false;
      const a = new Membership({
        db,
        zone: null,
        leaseMs: LEASE,
        name: "a",
        onChange: () => (tookOver = owned(a, ids).length === ids.length),
      });
      members.push(a);
      const b = join(dying, null, "b");
      const round = LEASE / 3;
      await a.start();
      await b.start();
      await vi.advanceTimersByTimeAsync(round);
      await Promise.all([a.step(), b.step()]);
      expect(owned(b, ids).length).toBeGreaterThan(0);
      const lastWord = Date.now();
      await dying.close();

      // Both collectors' rounds fall on the same beat: a's round at lastWord + LEASE still counts b as live,
      // and the next regular one is a round later. The clock stops 10 ms past b's lease; a takes b's hosts there.
      await vi.advanceTimersByTimeAsync(LEASE + 10);
      const deadline = performance.now() + 10_000;
      while (!tookOver && performance.now() < deadline) {
        await vi.advanceTimersByTimeAsync(0);
        await new Promise((resolve) => setImmediate(resolve)); // the database's replies (real I/O)
      }
      expect(tookOver, "a holds every host 10 ms after b's lease ran out").toBe(true);
      expect(Date.now() - lastWord).toBe(LEASE + 10);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never gives one host to two collectors, whatever order they claim in", async () => {
    expect(await claimLeases(db, "x", ids, T0, T0 + LEASE)).toHaveLength(40);
    expect(await claimLeases(other, "y", ids, T0 + 1, T0 + LEASE)).toEqual([]);
    await releaseLeases(db, "x", ids.slice(0, 10));
    expect((await claimLeases(other, "y", ids, T0 + 2, T0 + LEASE)).sort()).toEqual(ids.slice(0, 10).sort());
    expect(await claimLeases(other, "y", ids, T0 + LEASE + 1, T0 + 2 * LEASE)).toHaveLength(40);
  });

  it("polls a zone's hosts only by that zone's collectors, and says which zone has none", async () => {
    for (const id of ids.slice(0, 10)) await updateHost(db, id, { zone: "dc1" });
    for (const id of ids.slice(10, 15)) await updateHost(db, id, { zone: "dc2" });
    const plain = join(db, null, "plain");
    const dc1 = join(other, "dc1", "dc1-a");
    await plain.step(T0);
    await dc1.step(T0);
    expect(owned(dc1, ids).sort()).toEqual(ids.slice(0, 10).sort());
    expect(owned(plain, ids).sort()).toEqual(ids.slice(15).sort());
    const coverage = await collectorCoverage(db, T0 - LEASE);
    expect(lacksCollector({ transport: "ssh", zone: "dc2" }, coverage)).toBe(true);
    expect(lacksCollector({ transport: "ssh", zone: "dc1" }, coverage)).toBe(false);
    expect(lacksCollector({ transport: "ssh", zone: null }, coverage)).toBe(false);
    expect(lacksCollector({ transport: "bundle", zone: "dc2" }, coverage)).toBe(false);
    expect((await liveCollectors(db, T0 - LEASE)).map((c) => [c.name, c.zone])).toEqual([
      ["dc1-a", "dc1"],
      ["plain", null],
    ]);
  });

  it("says nothing of collectors on a database none ever joined", async () => {
    expect(lacksCollector({ transport: "ssh", zone: null }, await collectorCoverage(db, T0))).toBe(false);
  });

  it("gives a duty to one process at a time, and to another once it lets go", async () => {
    const first = leaderLock(db, "retention");
    const second = leaderLock(other, "retention");
    expect(await first.held()).toBe(true);
    if (db.engine === "sqlite") {
      // SQLite is one process's file: every handle performs every duty.
      expect(await second.held()).toBe(true);
      return;
    }
    expect(await second.held()).toBe(false);
    const alerts = leaderLock(other, "alerts");
    expect(await alerts.held()).toBe(true);
    expect(await first.held()).toBe(true);
    await first.release();
    expect(await second.held()).toBe(true);
    await Promise.all([second.release(), alerts.release()]);
  });
});
