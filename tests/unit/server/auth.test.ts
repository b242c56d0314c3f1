import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sessionCookieFor, request } from "../../support/auth";
import { issueSetupToken } from "@/server/auth/setup";
import { PEER_HEADER } from "@/server/auth/client-address";
import * as sessionRoute from "@/app/api/session/route";
import * as setupRoute from "@/app/api/setup/route";
import * as usersRoute from "@/app/api/users/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as passwordRoute from "@/app/api/me/password/route";
import * as auditRoute from "@/app/api/audit/route";
import * as hostsRoute from "@/app/api/hosts/route";
import * as hostRoute from "@/app/api/hosts/[id]/route";
import { unlockAccount } from "@/server/auth/password-guard";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-auth-" });

/**
 * Who may call each route. A route added without an entry here fails the "classified" test, so
 * no endpoint ships without a deliberate decision about its access.
 */
const ACCESS: Record<string, "public" | "viewer" | "admin"> = {
  "GET /api/health": "public",
  "GET /api/session": "public",
  "POST /api/session": "public",
  "DELETE /api/session": "public",
  "POST /api/setup": "public",
  "GET /api/s/[token]": "public",
  "GET /api/hosts": "viewer",
  "GET /api/hosts/names": "viewer",
  "POST /api/hosts": "admin",
  "GET /api/hosts/[id]": "viewer",
  "PATCH /api/hosts/[id]": "admin",
  "DELETE /api/hosts/[id]": "admin",
  "GET /api/hosts/[id]/series": "viewer",
  "POST /api/hosts/[id]/poll": "viewer",
  "GET /api/hosts/[id]/breakdown-series": "viewer",
  "POST /api/hosts/[id]/trust": "admin",
  "POST /api/hosts/import": "admin",
  "POST /api/hosts/inventory": "admin",
  "GET /api/hosts/keys": "admin",
  "POST /api/hosts/keys/fetch": "admin",
  "POST /api/hosts/keys/trust": "admin",
  "PUT /api/hosts/[id]/secret": "admin",
  "DELETE /api/hosts/[id]/secret": "admin",
  "POST /api/bundles": "admin",
  "POST /api/connection-test": "admin",
  "GET /api/fleet/findings": "viewer",
  "GET /api/probe": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "DELETE /api/users/[id]": "admin",
  "POST /api/me/password": "viewer",
  "PUT /api/me/language": "public",
  "GET /api/audit": "admin",
  "GET /api/snapshots": "viewer",
  "POST /api/snapshots": "viewer",
  "DELETE /api/snapshots/[id]": "viewer",
  "GET /api/metrics-tokens": "admin",
  "POST /api/metrics-tokens": "admin",
  "DELETE /api/metrics-tokens/[id]": "admin",
  "GET /api/alerts": "viewer",
  "GET /api/alerts/rules": "viewer",
  "POST /api/alerts/rules": "admin",
  "PATCH /api/alerts/rules/[id]": "admin",
  "DELETE /api/alerts/rules/[id]": "admin",
  "GET /api/alerts/silences": "viewer",
  "POST /api/alerts/silences": "admin",
  "DELETE /api/alerts/silences/[id]": "admin",
  "GET /api/alerts/channels": "admin",
  "POST /api/alerts/channels": "admin",
  "GET /api/alerts/channels/[id]": "admin",
  "PATCH /api/alerts/channels/[id]": "admin",
  "DELETE /api/alerts/channels/[id]": "admin",
  "POST /api/alerts/channels/[id]/test": "admin",
  "GET /api/alerts/channels/[id]/deliveries": "admin",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteFn = (req: Request, ctx: unknown) => Promise<Response>;

function routeFiles(dir = "app/api"): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

const routes = await Promise.all(
  routeFiles().map(async (file) => {
    const url =
      "/" +
      path
        .dirname(file)
        .split(path.sep)
        .join("/")
        .replace(/^app\//, "");
    const mod = (await import(`@/${file}`)) as Record<string, RouteFn | undefined>;
    return METHODS.filter((m) => typeof mod[m] === "function").map((m) => ({ key: `${m} ${url}`, method: m, url, fn: mod[m]! }));
  }),
).then((all) => all.flat());

const call = (r: (typeof routes)[number], headers: Record<string, string> = {}) => {
  const concrete = r.url.replace(/\[id\]/g, "1").replace(/\[token\]/g, "x".repeat(43));
  const body = r.method === "GET" || r.method === "DELETE" ? undefined : "{}";
  const req = new Request(`http://t${concrete}`, { method: r.method, body, headers: { "content-type": "application/json", ...headers } });
  return r.fn(req, { params: Promise.resolve({ id: "1", token: "x".repeat(43) }) });
};

describe("access to every API route", () => {
  it("classifies every route handler", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => r.key).filter((k) => !(k in ACCESS))).toEqual([]);
  });

  it("answers 401 to every non-public route without a session", async () => {
    for (const r of routes.filter((r) => ACCESS[r.key] !== "public")) {
      expect({ route: r.key, status: (await call(r)).status }).toEqual({ route: r.key, status: 401 });
    }
  });

  it("still answers 401 with a spoofed middleware-subrequest header", async () => {
    const spoof = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware", "x-twscope-peer": "127.0.0.1" };
    for (const r of routes.filter((r) => ACCESS[r.key] !== "public")) {
      expect({ route: r.key, status: (await call(r, spoof)).status }).toEqual({ route: r.key, status: 401 });
    }
  });

  it("answers 403 to a viewer calling an admin route", async () => {
    const cookie = await sessionCookieFor(ctx, "viewer");
    for (const r of routes.filter((r) => ACCESS[r.key] === "admin")) {
      expect({ route: r.key, status: (await call(r, { cookie })).status }).toEqual({ route: r.key, status: 403 });
    }
  });

  it("lets a viewer read the fleet", async () => {
    const cookie = await sessionCookieFor(ctx, "viewer");
    const res = await hostsRoute.GET(request("http://t/api/hosts", { cookie }), undefined);
    expect(res.status).toBe(200);
    expect((await res.json()).hosts[0].name).toBe("localhost");
  });
});

describe("cross-site requests", () => {
  const create = (headers: Record<string, string>, cookie: string) =>
    hostsRoute.POST(
      request("http://twscope.test/api/hosts", {
        cookie,
        headers: { host: "twscope.test", ...headers },
        body: { name: `h-${Math.random().toString(36).slice(2, 8)}`, address: "10.0.0.9", username: "ops", authMethod: "agent" },
      }),
      undefined,
    );

  it.each([
    ["another Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site", origin: "http://twscope.test" }],
  ])("refuses a state-changing request with %s (403), even from an admin", async (_what, headers) => {
    const res = await create(headers, await sessionCookieFor(ctx, "admin"));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site");
  });

  it("accepts the same origin, and scripts that send no Origin", async () => {
    const cookie = await sessionCookieFor(ctx, "admin");
    expect((await create({ origin: "http://twscope.test", "sec-fetch-site": "same-origin" }, cookie)).status).toBe(201);
    expect((await create({}, cookie)).status).toBe(201);
  });

  it("checks the origin of a sign-in too", async () => {
    const res = await sessionRoute.POST(
      request("http://t/api/session", { body: { name: "x", password: "y" }, headers: { host: "t", origin: "https://evil.example" } }),
      undefined,
    );
    expect(res.status).toBe(403);
  });
});

describe("sign-in and sessions", () => {
  const signIn = (name: string, password: string, peer = "198.51.100.7") =>
    sessionRoute.POST(
      request("http://t/api/session", { body: { name, password }, headers: { [PEER_HEADER]: peerHeader(peer) } }),
      undefined,
    );
  const secret = "secret-of-this-test";
  (globalThis as { __twscopePeerSecret?: string }).__twscopePeerSecret = secret;
  const peerHeader = (addr: string) => `${secret} ${addr}`;

  it("creates a user whose password is stored only as an scrypt hash", async () => {
    const admin = await sessionCookieFor(ctx, "admin", "root-admin");
    const res = await usersRoute.POST(
      request("http://t/api/users", { cookie: admin, body: { name: "carol", role: "viewer", password: "carol-password-1" } }),
      undefined,
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: "carol", role: "viewer" });
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt/);
    const row = (await ctx.db.get("SELECT password_hash FROM users WHERE name = 'carol'")) as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain("carol-password-1");
  });

  it("sets an HttpOnly, SameSite session cookie that opens the API, and signing out closes it", async () => {
    const res = await signIn("carol", "carol-password-1");
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^twscope_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const cookie = setCookie.split(";")[0]!;
    const me = await (await sessionRoute.GET(request("http://t/api/session", { cookie }), undefined)).json();
    expect(me.user).toMatchObject({ name: "carol", role: "viewer", via: "session" });
    const stored = (await ctx.db.all("SELECT token_hash FROM sessions")) as { token_hash: string }[];
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.split("=")[1]);
    const out = await sessionRoute.DELETE(request("http://t/api/session", { method: "DELETE", cookie }), undefined);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await hostsRoute.GET(request("http://t/api/hosts", { cookie }), undefined)).status).toBe(401);
  });

  it("answers a wrong password and an unknown user alike", async () => {
    const wrong = await signIn("carol", "not-her-password", "198.51.100.8");
    const unknown = await signIn("nobody-here", "whatever-password", "198.51.100.8");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).error).toEqual((await unknown.json()).error);
  });

  it("slows a burst of failed sign-ins from one client: refused with 429, even with the right password", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn("carol", `guess-${i}-password`, "203.0.113.5")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const locked = await signIn("carol", "carol-password-1", "203.0.113.5");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(60);
    // Another client is not held back by that burst.
    expect((await signIn("carol", "carol-password-1", "203.0.113.6")).status).toBe(200);
  });

  it("counts each attempt before hashing, so a parallel burst gets no more tries than a sequential one", async () => {
    const admin = await sessionCookieFor(ctx, "admin", "root-admin");
    await usersRoute.POST(
      request("http://t/api/users", { cookie: admin, body: { name: "dave", role: "viewer", password: "dave-password-1" } }),
      undefined,
    );
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn("dave", i === 44 ? "dave-password-1" : `guess-${i}-password`, "203.0.113.50")),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses[44]).toBe(429);
  });

  it("does not lock the owner out: 12 wrong passwords from 3 clients, then the right one from a 4th", async () => {
    const admin = await sessionCookieFor(ctx, "admin", "root-admin");
    await usersRoute.POST(
      request("http://t/api/users", { cookie: admin, body: { name: "erin", role: "admin", password: "erin-password-1" } }),
      undefined,
    );
    for (const peer of ["203.0.113.61", "203.0.113.62", "203.0.113.63"]) {
      for (let i = 0; i < 4; i++) expect((await signIn("Erin", `guess-${i}-password`, peer)).status).toBe(401);
    }
    expect((await signIn("erin", "erin-password-1", "198.51.100.64")).status).toBe(200);
  });

  it("slows guessing at one account from many networks instead of refusing it", async () => {
    const admin = await sessionCookieFor(ctx, "admin", "root-admin");
    await usersRoute.POST(
      request("http://t/api/users", { cookie: admin, body: { name: "frank", role: "viewer", password: "frank-password-1" } }),
      undefined,
    );
    for (let i = 0; i < 12; i++) expect((await signIn("frank", `guess-${i}-password`, `203.0.113.${100 + i}`)).status).toBe(401);
    // Past 10 failures the checks are spaced out (tests/unit/server/password-guard.test.ts times that), not refused.
    expect((await signIn("frank", "guess-x-password", "203.0.113.200")).status).toBe(401);
    expect((await signIn("frank", "frank-password-1", "203.0.113.201")).status).toBe(200);
  });

  it("limits the current-password check of a password change like a sign-in", async () => {
    const admin = await sessionCookieFor(ctx, "admin", "root-admin");
    await usersRoute.POST(
      request("http://t/api/users", { cookie: admin, body: { name: "gina", role: "viewer", password: "gina-password-1" } }),
      undefined,
    );
    const cookie = (await signIn("gina", "gina-password-1", "192.0.2.70")).headers.get("set-cookie")!.split(";")[0]!;
    const change = (current: string) =>
      passwordRoute.POST(
        request("http://t/api/me/password", {
          cookie,
          body: { current, password: "gina-password-2" },
          headers: { [PEER_HEADER]: peerHeader("192.0.2.70") },
        }),
        undefined,
      );
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await change(`wrong-${i}-password`)).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429, 429]);
    expect((await change("gina-password-1")).status).toBe(429);
  });

  it("forgets an account's failures after `twscope user unlock`", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn("gina", `again-${i}-password`, "192.0.2.71")).status);
    expect(statuses.at(-1)).toBe(429);
    await unlockAccount(ctx.db, "GINA");
    expect((await signIn("gina", "gina-password-1", "192.0.2.71")).status).toBe(200);
  });

  it("changing one's password needs the current one and ends every session of that user", async () => {
    const cookie = (await signIn("carol", "carol-password-1", "192.0.2.1")).headers.get("set-cookie")!.split(";")[0]!;
    const bad = await passwordRoute.POST(
      request("http://t/api/me/password", { cookie, body: { current: "wrong-one-x", password: "carol-password-2" } }),
      undefined,
    );
    expect(bad.status).toBe(403);
    const ok = await passwordRoute.POST(
      request("http://t/api/me/password", { cookie, body: { current: "carol-password-1", password: "carol-password-2" } }),
      undefined,
    );
    expect(ok.status).toBe(204);
    expect((await hostsRoute.GET(request("http://t/api/hosts", { cookie }), undefined)).status).toBe(401);
    expect((await signIn("carol", "carol-password-2", "192.0.2.1")).status).toBe(200);
  });

  it("keeps the last admin an admin", async () => {
    const db = ctx.db;
    const cookie = await sessionCookieFor(ctx, "admin", "root-admin");
    await db.run("UPDATE users SET role = 'viewer' WHERE name <> 'root-admin'");
    const rootId = ((await db.get("SELECT id FROM users WHERE name = 'root-admin'")) as { id: number }).id;
    const res = await userRoute.PATCH(request(`http://t/api/users/${rootId}`, { method: "PATCH", cookie, body: { role: "viewer" } }), {
      params: Promise.resolve({ id: String(rootId) }),
    });
    expect(res.status).toBe(409);
    expect(
      (
        await userRoute.DELETE(request(`http://t/api/users/${rootId}`, { method: "DELETE", cookie }), {
          params: Promise.resolve({ id: String(rootId) }),
        })
      ).status,
    ).toBe(409);
  });
});

describe("the one-time setup link", () => {
  it("creates the first admin once, and never again", async () => {
    await ctx.db.run("DELETE FROM users");
    const token = (await issueSetupToken(ctx.db))!;
    expect(token).toMatch(/^[\w-]{43}$/);
    const wrong = await setupRoute.POST(
      request("http://t/api/setup", { body: { token: "x".repeat(43), name: "first", password: "first-admin-pw" } }),
      undefined,
    );
    expect(wrong.status).toBe(403);
    const res = await setupRoute.POST(
      request("http://t/api/setup", { body: { token, name: "first", password: "first-admin-pw" } }),
      undefined,
    );
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toMatch(/^twscope_session=/);
    expect((await res.json()).user).toMatchObject({ name: "first", role: "admin" });
    const again = await setupRoute.POST(
      request("http://t/api/setup", { body: { token, name: "second", password: "second-admin-pw" } }),
      undefined,
    );
    expect(again.status).toBe(403);
    expect(await issueSetupToken(ctx.db)).toBeNull();
  });
});

describe("the audit log", () => {
  it("records admin actions with the actor, and only admins read it", async () => {
    const cookie = await sessionCookieFor(ctx, "admin", "auditor");
    const created = await (
      await hostsRoute.POST(
        request("http://t/api/hosts", { cookie, body: { name: "audited", address: "10.0.0.7", username: "ops", authMethod: "agent" } }),
        undefined,
      )
    ).json();
    await hostRoute.DELETE(request(`http://t/api/hosts/${created.id}`, { method: "DELETE", cookie }), {
      params: Promise.resolve({ id: String(created.id) }),
    });
    const log = await (await auditRoute.GET(request("http://t/api/audit?limit=5", { cookie }), undefined)).json();
    expect(log.entries.slice(0, 2).map((e: { actor: string; action: string; target: string }) => [e.actor, e.action, e.target])).toEqual([
      ["auditor", "host.remove", "audited"],
      ["auditor", "host.add", "audited"],
    ]);
    const viewer = await sessionCookieFor(ctx, "viewer");
    expect((await auditRoute.GET(request("http://t/api/audit", { cookie: viewer }), undefined)).status).toBe(403);
  });
});
