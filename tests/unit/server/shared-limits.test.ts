import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { PEER_HEADER } from "@/server/auth/client-address";
import { PasswordGuard } from "@/server/auth/password-guard";
import { hashPassword } from "@/server/auth/passwords";
import { SharedRateLimiter } from "@/server/auth/rate-limit";
import { signIn } from "@/server/auth/session";
import { openDatabase } from "@/server/db/open-database";
import { pruneRateCounters } from "@/server/db/rate-counters";
import { pruneSignInState, recordSignInNetwork, signedInFrom, takeTurn, type Spacing } from "@/server/db/signin-accounts";
import { insertUser } from "@/server/db/users";
import { snapshotRateLimit } from "@/server/http/snapshot-gate";
import { authorizeScrape } from "@/server/metrics/scrape-auth";
import { createSnapshot } from "@/server/services/snapshots";
import { useTestContextPair } from "../../support/context";

/** Two service contexts on one store: two twscope processes behind a load balancer, each with its own connection or pool. */
const [first, second] = await useTestContextPair({ TWSCOPE_POLLER: "off" }, { prefix: "twscope-shared-limits-" });
const processes = [first, second];

const PEER_SECRET = "shared-limits-peer-secret";
(globalThis as { __twscopePeerSecret?: string }).__twscopePeerSecret = PEER_SECRET;
const from = (address: string, init: RequestInit = {}) =>
  new Request("http://t/", {
    ...init,
    headers: { ...(init.headers as Record<string, string>), [PEER_HEADER]: `${PEER_SECRET} ${address}` },
  });

const T0 = 1_800_000_000_000;

describe("SharedRateLimiter", () => {
  const limiter = new SharedRateLimiter("test-window", 3, 60_000);

  it("allows `limit` hits in a window, answers the seconds left after that, and starts again when the window ends", async () => {
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await limiter.hit(first.db, "a", T0 + i * 1000));
    expect(waits).toEqual([0, 0, 0, 57, 56]);
    expect(await limiter.check(first.db, "a", T0 + 30_000)).toBe(30);
    expect(await limiter.hit(first.db, "a", T0 + 60_000)).toBe(0);
    expect(await limiter.check(first.db, "b", T0)).toBe(0);
  });

  it("check answers what the next hit would, without counting", async () => {
    for (let i = 0; i < 2; i++) await limiter.hit(first.db, "c", T0);
    expect(await limiter.check(first.db, "c", T0)).toBe(0);
    expect(await limiter.check(first.db, "c", T0)).toBe(0);
    await limiter.hit(first.db, "c", T0);
    expect(await limiter.check(first.db, "c", T0)).toBe(60);
  });

  it("takes a refunded hit back in the current window only", async () => {
    for (let i = 0; i < 4; i++) await limiter.hit(first.db, "d", T0);
    await limiter.refund(second.db, "d", T0 + 1);
    expect(await limiter.hit(first.db, "d", T0 + 2)).toBe(60);
    await limiter.refund(first.db, "d", T0 + 60_000);
    expect(await limiter.hit(first.db, "d", T0 + 60_000)).toBe(0);
  });

  it("shares one count between processes", async () => {
    expect(await limiter.hit(first.db, "e", T0)).toBe(0);
    expect(await limiter.hit(second.db, "e", T0)).toBe(0);
    expect(await limiter.hit(first.db, "e", T0)).toBe(0);
    expect(await limiter.hit(second.db, "e", T0)).toBe(60);
    expect(await limiter.check(first.db, "e", T0)).toBe(60);
  });

  it("loses no count: 200 hits at once through two processes count 200", async () => {
    const many = new SharedRateLimiter("test-concurrent", 150, 60_000);
    const waits = await Promise.all(Array.from({ length: 200 }, (_, i) => many.hit(processes[i % 2]!.db, "burst", T0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(150);
    const row = await first.db.get<{ hits: number }>("SELECT hits FROM rate_counters WHERE scope = 'test-concurrent' AND key = 'burst'");
    expect(row!.hits).toBe(200);
  });

  it("is pruned once its window has ended", async () => {
    await new SharedRateLimiter("test-prune", 1, 1_000).hit(first.db, "old", T0 - 10_000);
    await new SharedRateLimiter("test-prune", 1, 60_000).hit(first.db, "current", T0);
    await pruneRateCounters(second.db, T0);
    const keys = await first.db.all<{ key: string }>("SELECT key FROM rate_counters WHERE scope = 'test-prune'");
    expect(keys.map((k) => k.key)).toEqual(["current"]);
  });
});

describe("an account's turns (spaced checks) on one row", () => {
  const SPACING: Spacing = { windowMs: 15 * 60_000, from: 10, stepMs: 100, maxMs: 5_000, maxWaitMs: 30_000 };
  /** From the 11th failure on, each check waits for the one before plus a gap growing by 100 ms. */
  const EXPECTED_WAITS = [...Array<number>(11).fill(0), ...Array.from({ length: 24 }, (_, k) => 50 * (k + 1) * (k + 2))];

  it("spaces checks after 10 failures, refuses a turn over 30 s away without counting it, and exempts known networks", async () => {
    const turns = [];
    for (let i = 0; i < 36; i++) turns.push(await takeTurn(processes[i % 2]!.db, "spaced", true, SPACING, T0));
    expect(turns.slice(0, 35).map((t) => [t.granted, t.waitMs])).toEqual(EXPECTED_WAITS.map((w) => [true, w]));
    expect(turns[35]).toEqual({ granted: false, waitMs: 32_500 });
    expect(await takeTurn(first.db, "spaced", false, SPACING, T0)).toEqual({ granted: true, waitMs: 0 });
    const row = await second.db.get<{ failures: number }>("SELECT failures FROM signin_accounts WHERE account = 'spaced'");
    expect(row!.failures).toBe(36);
    // After the window: from nothing again.
    expect(await takeTurn(second.db, "spaced", true, SPACING, T0 + SPACING.windowMs)).toEqual({ granted: true, waitMs: 0 });
  });

  it("gives every one of 50 checks at once, through two processes, a turn of its own", async () => {
    const turns = await Promise.all(Array.from({ length: 50 }, (_, i) => takeTurn(processes[i % 2]!.db, "stormed", true, SPACING, T0)));
    const granted = turns.filter((t) => t.granted).map((t) => t.waitMs);
    expect(granted.sort((a, b) => a - b)).toEqual(EXPECTED_WAITS);
    const row = await first.db.get<{ failures: number }>("SELECT failures FROM signin_accounts WHERE account = 'stormed'");
    expect(row!.failures).toBe(EXPECTED_WAITS.length);
  });

  it("knows a network one process recorded on the other, until it is pruned", async () => {
    await recordSignInNetwork(first.db, "known", "198.51.100.0", T0);
    expect(await signedInFrom(second.db, "known", "198.51.100.0", T0 - 1)).toBe(true);
    expect(await signedInFrom(second.db, "known", "198.51.100.1", T0 - 1)).toBe(false);
    await pruneSignInState(second.db, T0, T0);
    expect(await signedInFrom(first.db, "known", "198.51.100.0", 0)).toBe(false);
  });
});

describe("every limit holds across processes", () => {
  it("share links: 60 requests a minute from one client over both processes, not 60 on each", async () => {
    const waits = [];
    for (let i = 0; i < 61; i++) waits.push(await snapshotRateLimit(processes[i % 2]!.db, from("203.0.113.30"), T0));
    expect(waits.slice(0, 60).every((w) => w === 0)).toBe(true);
    expect(waits[60]).toBe(60);
    expect(await snapshotRateLimit(first.db, from("203.0.113.30"), T0)).toBe(60);
    expect(await snapshotRateLimit(second.db, from("203.0.113.31"), T0)).toBe(0);
  });

  it("sign-in: the sixth failure from one network is refused whichever process gets it, even with the right password", async () => {
    await insertUser(first.db, "dana", "viewer", await hashPassword("dana-password-1"));
    const attempt = (i: number, password: string) =>
      signIn(processes[i % 2]!, "dana", password, from("203.0.113.40")).then(
        () => 200,
        (err: { httpStatus: number }) => err.httpStatus,
      );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await attempt(i, `guess-${i}-password`));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await attempt(0, "dana-password-1")).toBe(429);
    expect(await attempt(1, "dana-password-1")).toBe(429);
    // Another network is not held back, on either process.
    await expect(signIn(second, "dana", "dana-password-1", from("203.0.113.41"))).resolves.toMatchObject({ user: { name: "dana" } });
  });

  it("snapshots: 60 creations an hour per user over both processes", async () => {
    const who = { userId: null, name: "sharer", role: "viewer", via: "proxy" } as const;
    for (let i = 0; i < 60; i++) await createSnapshot(processes[i % 2]!, { kind: "fleet", redact: false, expiresInDays: 1 }, who, T0);
    for (const ctx of processes) {
      await expect(createSnapshot(ctx, { kind: "fleet", redact: false, expiresInDays: 1 }, who, T0)).rejects.toMatchObject({
        code: "rate_limited",
      });
    }
  });

  it("scrapes: 60 without a valid token a minute per client over both processes", async () => {
    const scrape = (i: number) =>
      authorizeScrape(processes[i % 2]!, from("203.0.113.50", { headers: { authorization: "Bearer guess" } }), T0).catch(
        (err: { httpStatus: number }) => err.httpStatus,
      );
    const statuses = [];
    for (let i = 0; i < 62; i++) statuses.push(await scrape(i));
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });
});

describe("without the database", () => {
  it("refuses a password check with the error instead of running it unguarded", async () => {
    const gone = await openDatabase(first.config);
    await gone.close();
    let checked = false;
    const attempt = new PasswordGuard(gone).verify({ address: "203.0.113.60", account: "dana", check: async () => (checked = true) });
    await expect(attempt).rejects.toThrow();
    expect(checked).toBe(false);
  });

  it("answers a share-link page 503 instead of serving it without the limit", async () => {
    const res = await proxy(new NextRequest(`http://t/s/${"x".repeat(43)}`));
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
