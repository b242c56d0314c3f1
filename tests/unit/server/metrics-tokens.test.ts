import { describe, expect, it } from "vitest";
import * as tokensRoute from "@/app/api/metrics-tokens/route";
import * as tokenRoute from "@/app/api/metrics-tokens/[id]/route";
import * as metricsRoute from "@/app/metrics/route";
import { hashToken } from "@/server/auth/tokens";
import { listAudit } from "@/server/db/audit";
import { request, sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-metrics-tokens-" });
const admin = await sessionCookieFor(ctx, "admin");
const viewer = await sessionCookieFor(ctx, "viewer");
const routeOf = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

const create = (name: string, cookie = admin) =>
  tokensRoute.POST(request("http://t/api/metrics-tokens", { cookie, body: { name } }), undefined);
const list = async () =>
  (await (await tokensRoute.GET(request("http://t/api/metrics-tokens", { cookie: admin }), undefined)).json()).tokens;
const scrape = (token: string) =>
  metricsRoute.GET(new Request("http://t/metrics", { headers: { authorization: `Bearer ${token}` } }), undefined);

describe("the metrics token API", () => {
  it("is for admins only: a viewer gets 403 listing, creating and revoking", async () => {
    expect((await tokensRoute.GET(request("http://t/api/metrics-tokens", { cookie: viewer }), undefined)).status).toBe(403);
    expect((await create("by-viewer", viewer)).status).toBe(403);
    expect(
      (await tokenRoute.DELETE(request("http://t/api/metrics-tokens/1", { cookie: viewer, method: "DELETE" }), routeOf(1))).status,
    ).toBe(403);
  });

  it("returns the token once on creation; the list has neither it nor its hash", async () => {
    const res = await create("prom-main");
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name: "prom-main", createdBy: "test-admin", lastUsedAt: null });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = await list();
    expect(listed).toEqual([
      { id: created.id, name: "prom-main", createdBy: "test-admin", createdAt: created.createdAt, lastUsedAt: null },
    ]);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(hashToken(created.token));
    expect((await scrape(created.token)).status).toBe(200);
    expect((await list())[0].lastUsedAt).toBeGreaterThan(0);
  });

  it.each([
    ["an empty name", "", 400],
    ["a name with a space", "a b", 400],
    ["a name in use", "prom-main", 409],
  ])("refuses %s", async (_what, name, status) => {
    expect((await create(name)).status).toBe(status);
  });

  it("refuses unknown fields", async () => {
    const res = await tokensRoute.POST(
      request("http://t/api/metrics-tokens", { cookie: admin, body: { name: "x", token: "mine" } }),
      undefined,
    );
    expect(res.status).toBe(400);
  });

  it("revokes: the token's next scrape answers 401, and both actions are in the audit log without the token", async () => {
    const created = await (await create("prom-old")).json();
    expect((await scrape(created.token)).status).toBe(200);
    const res = await tokenRoute.DELETE(
      request(`http://t/api/metrics-tokens/${created.id}`, { cookie: admin, method: "DELETE" }),
      routeOf(created.id),
    );
    expect(res.status).toBe(204);
    expect((await scrape(created.token)).status).toBe(401);
    expect((await list()).map((t: { name: string }) => t.name)).toEqual(["prom-main"]);
    const audit = (await listAudit(ctx.db, 10)).filter((e) => e.target === "prom-old");
    expect(audit.map((e) => e.action)).toEqual(["metrics-token.revoke", "metrics-token.create"]);
    expect(JSON.stringify(audit)).not.toContain(created.token);
    const again = await tokenRoute.DELETE(
      request(`http://t/api/metrics-tokens/${created.id}`, { cookie: admin, method: "DELETE" }),
      routeOf(created.id),
    );
    expect(again.status).toBe(404);
  });
});
