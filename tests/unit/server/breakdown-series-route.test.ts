import { describe, expect, it } from "vitest";
import { sampleWithBreakdowns } from "../../support/breakdown-samples";
import { NO_RATES } from "../../support/rates";
import * as route from "@/app/api/hosts/[id]/breakdown-series/route";
import { insertBundleHost } from "@/server/db/hosts";
import { storeSample } from "@/server/ingest/record-sample";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-breakdown-route-" });

const cookie = await sessionCookieFor(ctx, "viewer");
const get = (id: number, query: string) =>
  route.GET(new Request(`http://t/api/hosts/${id}/breakdown-series?${query}`, { headers: { cookie } }), {
    params: Promise.resolve({ id: String(id) }),
  });

const { db } = ctx;
const hostId = (await insertBundleHost(db, "churning")).id;
const now = Date.now();
for (let i = 10; i > 0; i--) {
  const peers: Record<string, number> = i <= 4 ? { "10.0.0.1:5432": 20, "198.18.0.10:8080": 700 } : { "10.0.0.1:5432": 20 };
  await storeSample(db, {
    hostId,
    at: now - i * 15_000,
    sample: sampleWithBreakdowns({ 443: 100 }, peers),
    rates: NO_RATES,
    bytes: 1,
    durationMs: 1,
  });
}

describe("GET /api/hosts/:id/breakdown-series", () => {
  it("gives a viewer the busiest destinations over the whole range chosen, from raw samples", async () => {
    const res = await get(hostId, "range=15m&kind=peer");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ hostId, range: "15m", kind: "peer", source: "raw", keptPerSample: 10 });
    expect(body.to - body.from).toBe(15 * 60_000);
    expect(body.keys.map((k: { key: string; peak: number }) => [k.key, k.peak])).toEqual([
      ["198.18.0.10:8080", 700],
      ["10.0.0.1:5432", 20],
    ]);
    expect(body.keys[0].points).toHaveLength(4);
    expect(body.keys[1].points).toHaveLength(10);
  });

  it("gives listening ports for kind=port", async () => {
    const body = await (await get(hostId, "kind=port")).json();
    expect(body).toMatchObject({ range: "1h", kind: "port", keys: [{ key: "443", peak: 100 }] });
  });

  it.each([
    ["an unknown range", "range=1y&kind=peer"],
    ["no kind", "range=1h"],
    ["an unknown kind", "range=1h&kind=host"],
  ])("rejects %s", async (_what, query) => {
    const res = await get(hostId, query);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_input");
  });

  it("answers 404 for an unknown host", async () => {
    expect((await get(9999, "range=1h&kind=peer")).status).toBe(404);
  });
});
