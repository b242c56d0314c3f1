import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { clientNetwork } from "@/server/auth/client-network";
import { HashQueue } from "@/server/auth/hash-queue";
import { PasswordGuard, unlockAccount, SPACING_FROM } from "@/server/auth/password-guard";
import { openDatabase } from "@/server/db/open-database";
import { testDatabaseTarget } from "../../support/engines";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-guard-"));
const target = await testDatabaseTarget(dir, "twscope.db");
/** A store of the project's engine, and a second handle on it: another process's connection (or pool), as the CLI's or a second server's. */
const db = await openDatabase(target);
const other = await openDatabase(target);
/**
 * The throttling tests run on SQLite whatever the project: they drive the guard's timing with fake
 * timers, which a real network round trip to PostgreSQL would not follow.
 */
const local = await openDatabase(path.join(dir, "local.db"));
afterAll(async () => {
  await Promise.all([db.close(), other.close(), local.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A check whose answer the test gives, so the order of hashing is seen. */
function deferred() {
  let answer!: (ok: boolean) => void;
  const promise = new Promise<boolean>((r) => {
    answer = r;
  });
  return { promise, answer };
}

describe("HashQueue", () => {
  it("runs at most its concurrency at once and takes clients in turn, so one flood does not delay another client", async () => {
    const queue = new HashQueue(1, 10);
    const order: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const job = (label: string) => () => {
      order.push(label);
      const d = deferred();
      gates.push(d);
      return d.promise;
    };
    const flood = Array.from({ length: 5 }, (_, i) => queue.run("flood", job(`flood-${i}`)));
    const other = queue.run("other", job("other"));
    for (let i = 0; i < 6; i++) {
      await Promise.resolve();
      gates[i]!.answer(false);
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all([...flood, other]);
    expect(order.slice(0, 3)).toEqual(["flood-0", "other", "flood-1"]);
  });

  it("says when a client has no room left to wait", () => {
    const queue = new HashQueue(1, 2);
    const never = () => new Promise<boolean>(() => {});
    void queue.run("a", never);
    void queue.run("a", never);
    void queue.run("a", never);
    expect(queue.hasRoom("a")).toBe(false);
    expect(queue.hasRoom("b")).toBe(true);
  });
});

describe("clientNetwork()", () => {
  it("keeps an IPv4 address whole and groups IPv6 by /64", () => {
    expect(clientNetwork("203.0.113.5")).toBe("203.0.113.5");
    expect(clientNetwork("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8:1:2::ffff")).toBe(clientNetwork("2001:0db8:0001:0002:1:2:3:4"));
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
  });
});

describe("PasswordGuard", () => {
  it("spaces out checks of an account that failed from many networks, and lets a network it signed in from pass at once", async () => {
    const guard = new PasswordGuard(local);
    await guard.verify({ address: "198.51.100.1", account: "owner", check: async () => true });
    for (let i = 0; i < SPACING_FROM; i++) {
      expect(await guard.verify({ address: `203.0.113.${i + 1}`, account: "owner", check: async () => false })).toBe(false);
    }
    vi.useFakeTimers();
    let settled = false;
    const slowed = guard.verify({ address: "203.0.113.99", account: "owner", check: async () => false }).then(() => {
      settled = true;
    });
    const spaced = guard.verify({ address: "203.0.113.98", account: "owner", check: async () => false });
    // The owner's own network is not held behind the guesses.
    expect(await guard.verify({ address: "198.51.100.1", account: "owner", check: async () => true })).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    let second = false;
    void spaced.then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(second).toBe(true);
    await slowed;
  });

  it("refuses a sixth failure from one network on one account before running its check", async () => {
    const guard = new PasswordGuard(local);
    const checks: number[] = [];
    const attempt = (i: number) =>
      guard.verify({
        address: "192.0.2.9",
        account: "u",
        check: async () => {
          checks.push(i);
          return false;
        },
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5, 6].map(attempt));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected", "rejected"]);
    expect(checks.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("applies an unlock made through another process's handle at once, for that account only", async () => {
    const guard = new PasswordGuard(db);
    for (const account of ["locked", "other"]) {
      for (let i = 0; i < 5; i++) await guard.verify({ address: "192.0.2.10", account, check: async () => false });
    }
    await unlockAccount(other, "Locked");
    expect(await guard.verify({ address: "192.0.2.10", account: "locked", check: async () => true })).toBe(true);
    await expect(guard.verify({ address: "192.0.2.10", account: "other", check: async () => true })).rejects.toThrow(/too many/);
  });
});

describe("PasswordGuard on several processes of one database", () => {
  const first = new PasswordGuard(db);
  const second = new PasswordGuard(other);
  const fail = (guard: PasswordGuard, address: string, account: string) => guard.verify({ address, account, check: async () => false });

  it("refuses the sixth failure from one network on one account whichever process gets it, before its check runs", async () => {
    for (const guard of [first, second, first, second, first]) expect(await fail(guard, "192.0.2.20", "shared")).toBe(false);
    let checked = false;
    const sixth = (guard: PasswordGuard) =>
      guard.verify({
        address: "192.0.2.20",
        account: "shared",
        check: async () => (checked = true),
      });
    await expect(sixth(first)).rejects.toThrow(/too many failed password attempts/);
    await expect(sixth(second)).rejects.toThrow(/too many failed password attempts/);
    expect(checked).toBe(false);
  });

  it("counts a network's failures over all accounts on every process, 20 in the window", async () => {
    for (let i = 0; i < 20; i++) expect(await fail(i % 2 ? first : second, "192.0.2.21", `account-${i % 5}`)).toBe(false);
    await expect(fail(first, "192.0.2.21", "account-fresh")).rejects.toThrow(/too many/);
    await expect(fail(second, "192.0.2.21", "account-fresh")).rejects.toThrow(/too many/);
  });

  it("takes back a right password for every process", async () => {
    for (let i = 0; i < 4; i++) await fail(first, "192.0.2.22", "owner-2");
    expect(await second.verify({ address: "192.0.2.22", account: "owner-2", check: async () => true })).toBe(true);
    // Four failures and a success taken back: one more failure still fits under five.
    expect(await fail(first, "192.0.2.22", "owner-2")).toBe(false);
    await expect(fail(second, "192.0.2.22", "owner-2")).rejects.toThrow(/too many/);
  });
});
