import { describe, expect, it } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as ruleRoute from "@/app/api/alerts/rules/[id]/route";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import * as silenceRoute from "@/app/api/alerts/silences/[id]/route";
import * as silencesRoute from "@/app/api/alerts/silences/route";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { listAudit } from "@/server/db/audit";
import { insertHost } from "@/server/db/hosts";
import { request, sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";
import { readFixture } from "../../support/fixtures";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-alert-routes-" });
const admin = await sessionCookieFor(ctx, "admin", "alice");
const viewer = await sessionCookieFor(ctx, "viewer");
const idRoute = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) });
const host = await insertHost(ctx.db, {
  name: "client-1",
  address: "10.0.0.9",
  port: 22,
  username: "u",
  authMethod: "agent",
  tags: ["edge"],
  hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
});
const sample = parseProbeBundle(readFixture("bundles", "lab", "client-port-exhaustion.txt"));

describe("the alerts API", () => {
  it("lists the built-in rules to a viewer, with their open alerts counted", async () => {
    const res = await rulesRoute.GET(request("http://t/api/alerts/rules", { cookie: viewer }), undefined);
    expect(res.status).toBe(200);
    const { rules } = await res.json();
    expect(rules.map((r: { id: string }) => r.id)).toContain("destination-port-use");
    expect(rules.every((r: { builtin: boolean; enabled: boolean }) => r.builtin && r.enabled)).toBe(true);
    expect(rules[0].open).toEqual({ pending: 0, firing: 0 });
  });

  it("lets an admin tune a built-in rule, refuses parameters that do not fit its kind, and audits the change", async () => {
    const bad = await ruleRoute.PATCH(
      request("http://t/api/alerts/rules/destination-port-use", { method: "PATCH", cookie: admin, body: { params: { percent: 250 } } }),
      idRoute("destination-port-use"),
    );
    expect(bad.status).toBe(400);
    const ok = await ruleRoute.PATCH(
      request("http://t/api/alerts/rules/destination-port-use", {
        method: "PATCH",
        cookie: admin,
        body: { forSeconds: 0, params: { percent: 60 } },
      }),
      idRoute("destination-port-use"),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: "destination-port-use", forSeconds: 0, params: { percent: 60 } });
    expect((await listAudit(ctx.db, 5))[0]).toMatchObject({ actor: "alice", action: "alert-rule.edit", target: "destination-port-use" });
    const byViewer = await ruleRoute.PATCH(
      request("http://t/api/alerts/rules/destination-port-use", { method: "PATCH", cookie: viewer, body: { enabled: false } }),
      idRoute("destination-port-use"),
    );
    expect(byViewer.status).toBe(403);
  });

  it("creates a user's rule scoped by tag, deletes it, and refuses to delete a built-in one", async () => {
    const created = await rulesRoute.POST(
      request("http://t/api/alerts/rules", {
        cookie: admin,
        body: {
          kind: "time-wait",
          name: "Edge TIME_WAIT over 500",
          severity: "warning",
          forSeconds: 30,
          params: { count: 500 },
          selector: { tags: ["edge"] },
        },
      }),
      undefined,
    );
    expect(created.status).toBe(200);
    const rule = await created.json();
    expect(rule).toMatchObject({
      id: "edge-time-wait-over-500",
      builtin: false,
      params: { count: 500, percentOfBuckets: null },
      selector: { hosts: [], tags: ["edge"] },
    });
    const unknownField = await rulesRoute.POST(
      request("http://t/api/alerts/rules", {
        cookie: admin,
        body: { kind: "time-wait", name: "x", severity: "warning", forSeconds: 1, colour: "red" },
      }),
      undefined,
    );
    expect(unknownField.status).toBe(400);
    expect((await ruleRoute.DELETE(request("http://t/x", { method: "DELETE", cookie: admin }), idRoute(rule.id))).status).toBe(204);
    expect((await ruleRoute.DELETE(request("http://t/x", { method: "DELETE", cookie: admin }), idRoute("host-stale"))).status).toBe(409);
  });

  it("shows an alert firing after a poll, silences it with who and why, and ends the silence", async () => {
    await ctx.alerts.afterPoll({ hostId: host.id, status: "ok", at: Date.now(), error: null, sample, rates: null });
    const open = await (await alertsRoute.GET(request("http://t/api/alerts", { cookie: viewer }), undefined)).json();
    const portUse = open.alerts.find((a: { ruleId: string }) => a.ruleId === "destination-port-use");
    expect(portUse).toMatchObject({
      state: "firing",
      hostName: "client-1",
      ruleName: "Local ports toward one destination running out",
      labels: { destination: "198.18.0.10:8080" },
      silence: null,
    });
    const s = await silencesRoute.POST(
      request("http://t/api/alerts/silences", {
        cookie: admin,
        body: { matcher: "host", value: "client-1", endsAt: Date.now() + 3_600_000, reason: "draining the pool" },
      }),
      undefined,
    );
    expect(s.status).toBe(200);
    const silence = await s.json();
    expect(silence).toMatchObject({ createdBy: "alice", reason: "draining the pool", active: true });
    const muted = await (await alertsRoute.GET(request(`http://t/api/alerts?host=${host.id}`, { cookie: viewer }), undefined)).json();
    expect(muted.alerts.find((a: { ruleId: string }) => a.ruleId === "destination-port-use").silence).toMatchObject({
      id: silence.id,
      createdBy: "alice",
    });
    expect((await silenceRoute.DELETE(request("http://t/x", { method: "DELETE", cookie: admin }), idRoute(silence.id))).status).toBe(204);
    const listed = await (await silencesRoute.GET(request("http://t/api/alerts/silences", { cookie: viewer }), undefined)).json();
    expect(listed.current).toEqual([]);
    expect(listed.past[0]).toMatchObject({ id: silence.id, active: false });
    const history = await (
      await alertsRoute.GET(request("http://t/api/alerts?view=history&limit=1", { cookie: viewer }), undefined)
    ).json();
    expect(history.alerts).toHaveLength(1);
  });

  it("refuses a silence without a reason or past its end, and a bad query", async () => {
    const noReason = await silencesRoute.POST(
      request("http://t/api/alerts/silences", {
        cookie: admin,
        body: { matcher: "tag", value: "edge", endsAt: Date.now() + 1000, reason: "" },
      }),
      undefined,
    );
    expect(noReason.status).toBe(400);
    const past = await silencesRoute.POST(
      request("http://t/api/alerts/silences", {
        cookie: admin,
        body: { matcher: "tag", value: "edge", endsAt: Date.now() - 1000, reason: "too late" },
      }),
      undefined,
    );
    expect(past.status).toBe(400);
    expect((await alertsRoute.GET(request("http://t/api/alerts?view=everything", { cookie: viewer }), undefined)).status).toBe(400);
  });
});
