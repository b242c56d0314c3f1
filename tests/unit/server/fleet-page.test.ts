import { beforeAll, describe, expect, it } from "vitest";
import * as hostsRoute from "@/app/api/hosts/route";
import * as namesRoute from "@/app/api/hosts/names/route";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import type { FleetHostDto } from "@/lib/dto";
import { applyQuery, DEFAULT_QUERY, fleetTotals, pageRows, type FleetQuery } from "@/lib/fleet-query";
import { SUMMARY_REVISION } from "@/lib/sample/summary";
import type { HostStatus } from "@/lib/types";
import { insertBundleHost, insertHost, recordPollStatus, updateHost } from "@/server/db/hosts";
import { storeSample } from "@/server/ingest/record-sample";
import { fleetEntries, fleetFindings, fleetPage } from "@/server/services/fleet/fleet";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";
import { readFixture } from "../../support/fixtures";
import { NO_RATES } from "../../support/rates";
import { searchableText } from "@/server/db/stored-text";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-fleet-page-" });
const POLL = ctx.config.pollIntervalMs;
const NOW = Date.now();

const SCENARIOS = ["client-port-exhaustion", "keepalive-healthy", "tw-bucket-overflow", "web-active-close", "upstream", "fin-timeout-myth"];
const samples = SCENARIOS.map((s) => parseAnyBundle(readFixture("bundles", "lab", `${s}.txt`)).sample);
const STATUSES: HostStatus[] = ["ok", "ok", "ok", "unreachable", "auth-failed", "ok", "timeout", "ok"];

/**
 * 57 SSH hosts (mixed case names, three tags, some failing, some stale, ten never sampled), 6 pasted
 * bundles, and the built-in localhost: more than a page of 25, with every state the filters know.
 */
async function seedFleet(): Promise<void> {
  const { db } = ctx;
  for (let i = 0; i < 57; i++) {
    const name = `${i % 3 === 0 ? "Web" : i % 3 === 1 ? "db" : "cache"}-${String(i).padStart(2, "0")}`;
    const tags = [["prod", "web"], ["prod"], ["staging", "db_replica"]][i % 3]!;
    const host = await insertHost(
      db,
      { name, address: `10.1.${i}.5`, port: 22, username: "u", authMethod: "agent", tags },
      NOW - 3_600_000,
    );
    if (i % 6 === 5) continue; // never sampled
    const at = i % 4 === 0 ? NOW - 4 * POLL : NOW - (i % 3) * 1_000; // every 4th is stale
    await storeSample(db, { hostId: host.id, at, sample: samples[i % samples.length]!, rates: NO_RATES, bytes: 1, durationMs: 1 });
    await recordPollStatus(db, host.id, { status: STATUSES[i % STATUSES.length]!, error: null, at: NOW - (i % 7) * 1_000 });
  }
  for (let i = 0; i < 6; i++) {
    const host = await insertBundleHost(db, `pasted-${i}`, NOW - 600_000);
    await storeSample(db, { hostId: host.id, at: NOW - 600_000, sample: samples[i]!, rates: NO_RATES, bytes: 1, durationMs: 1 });
    await recordPollStatus(db, host.id, { status: "ok", error: null, at: NOW - 600_000 });
  }
}

// The in-memory reference: lib/fleet-query.ts over every row, as a snapshot computes it.
const everyRow = async (): Promise<FleetHostDto[]> => (await fleetEntries(ctx, NOW)).map((e) => e.row);
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("the fleet page, filtered, sorted and counted in SQL", () => {
  beforeAll(seedFleet);

  const views: Partial<FleetQuery>[] = [
    {},
    { page: 2, pageSize: 25 },
    { page: 3, pageSize: 25 },
    { sort: "name", dir: "asc", pageSize: 10, page: 4 },
    { sort: "name", dir: "desc" },
    { sort: "tw", dir: "desc", pageSize: 7 },
    { sort: "tw", dir: "asc" },
    { sort: "estab" },
    { sort: "rate", dir: "asc" },
    { sort: "status", dir: "desc", pageSize: 12, page: 2 },
    { sort: "lastPoll", dir: "asc" },
    { sort: "severity", dir: "asc", pageSize: 9, page: 3 },
    { status: "stale" },
    { status: "unreachable" },
    { status: "pending" },
    { severity: "critical" },
    { severity: "warning", sort: "name", dir: "asc" },
    { severity: "info" },
    { tag: "prod" },
    { tag: "db_replica" },
    { tag: "db" },
    { q: "WEB" },
    { q: "10.1.1" },
    { q: "exhausted" },
    { q: "replica" },
    { q: '"prod"' },
    { q: "db_" },
    { q: "%" },
    { status: "stale", severity: "critical", tag: "prod" },
    { q: "nothing like this" },
    { page: 40 },
    { q: "耗尽" },
  ];

  it.each(views.map((v) => [JSON.stringify(v), v] as const))(
    "%s: the same rows, in the same order, as the in-memory view",
    async (_, patch) => {
      const view = { ...DEFAULT_QUERY, ...patch };
      const page = await fleetPage(ctx, view, NOW);
      const reference = applyQuery(await everyRow(), view, NOW, POLL, searchableText);
      expect(names(page.hosts)).toEqual(names(pageRows(reference, view)));
      expect(page).toMatchObject({
        matched: reference.length,
        total: 64,
        page: view.page,
        pageSize: view.pageSize,
        pageCount: Math.max(1, Math.ceil(reference.length / view.pageSize)),
      });
    },
  );

  it("finds more than one page of hosts, and hosts on either side of every filter", async () => {
    const all = await everyRow();
    const count = (v: Partial<FleetQuery>) => applyQuery(all, { ...DEFAULT_QUERY, ...v }, NOW, POLL, searchableText).length;
    expect(all).toHaveLength(64);
    // A tag is matched whole; a search for JSON's quotes or LIKE's wildcard finds nothing literal.
    const empty = ['{"tag":"db"}', '{"q":"\\"prod\\""}', '{"q":"%"}', '{"q":"nothing like this"}'];
    for (const v of views.slice(12, 30)) {
      const key = JSON.stringify(v);
      expect(count(v), key).toBeLessThan(64);
      if (empty.includes(key)) expect(count(v), key).toBe(0);
      else expect(count(v), key).toBeGreaterThan(0);
    }
  });

  it("counts the tiles over every host at the server's time, as the in-memory totals do", async () => {
    const page = await fleetPage(ctx, { ...DEFAULT_QUERY, tag: "staging", pageSize: 5 }, NOW);
    expect(page.totals).toEqual(fleetTotals(await everyRow(), NOW, POLL));
    expect(page.totals.leftOut.stale).toBeGreaterThan(0);
    expect(page.totals.leftOut.bundle).toBe(6);
    expect(page.asOf).toBe(NOW);
    // An hour later every polled host's sample is stale: the server judges by the time it is given.
    const HOUR_LATER = NOW + 3_600_000;
    const later = await fleetPage(ctx, DEFAULT_QUERY, HOUR_LATER);
    expect(later.totals).toMatchObject({ timeWait: 0, critical: 0, warning: 0, leftOut: { stale: 48, bundle: 6 } });
    expect(later.totals).toEqual(fleetTotals(await everyRow(), HOUR_LATER, POLL));
    expect((await fleetPage(ctx, { ...DEFAULT_QUERY, status: "stale" }, HOUR_LATER)).matched).toBe(48);
  });

  it("lists every tag once, and each finding's hosts most severe first with the time and source of their sample", async () => {
    const page = await fleetPage(ctx, DEFAULT_QUERY, NOW);
    expect(page.tags).toEqual(["bundle", "db_replica", "prod", "staging", "web"]);
    const everyHost = await fleetFindings(ctx);
    for (const f of page.findings) {
      const full = everyHost.find((g) => g.ruleId === f.ruleId)!;
      expect(f.hostCount).toBe(full.hosts.length);
      expect(f.hosts).toEqual(full.hosts.slice(0, 6));
      expect(f.hosts.length).toBe(Math.min(6, full.hosts.length));
      for (const h of f.hosts) expect(h).toMatchObject({ transport: expect.any(String), at: expect.any(Number) });
    }
    expect(page.findings.map((f) => f.ruleId)).not.toContain("healthy");
    expect(page.findings.some((f) => (f.hostCount ?? 0) > 6)).toBe(true);
  });

  it("draws sparklines for the page's sampled hosts, and keeps a page of 50 small", async () => {
    const page = await fleetPage(ctx, { ...DEFAULT_QUERY, sort: "name", dir: "asc" }, NOW);
    expect(page.hosts).toHaveLength(50);
    for (const h of page.hosts) expect(h.sparkline).toHaveLength(h.current ? 60 : 0);
    expect(JSON.stringify(page).length).toBeLessThan(100 * 1024);
  });

  it("follows a host's new tags and a summary of another advisor revision", async () => {
    const web = (await fleetPage(ctx, { ...DEFAULT_QUERY, q: "web-00" }, NOW)).hosts[0]!;
    await updateHost(ctx.db, web.id, { tags: ["moved"] });
    expect(names((await fleetPage(ctx, { ...DEFAULT_QUERY, tag: "moved" }, NOW)).hosts)).toEqual(["Web-00"]);
    // As after an upgrade: summaries of an older revision, with the columns the fleet reads emptied.
    await ctx.db.run("UPDATE latest_summaries SET revision = ?, worst_severity = NULL, tw = NULL", [SUMMARY_REVISION - 1]);
    await ctx.db.run("DELETE FROM latest_findings");
    const critical = await fleetPage(ctx, { ...DEFAULT_QUERY, severity: "critical" }, NOW);
    expect(critical.matched).toBeGreaterThan(0);
    expect(critical.matched).toBe(
      applyQuery(await everyRow(), { ...DEFAULT_QUERY, severity: "critical" }, NOW, POLL, searchableText).length,
    );
    expect(critical.findings.length).toBeGreaterThan(0);
    await updateHost(ctx.db, web.id, { tags: ["prod", "web"] });
  });
});

describe("GET /api/hosts", () => {
  const get = async (query: string) => {
    const cookie = await sessionCookieFor(ctx, "viewer");
    return hostsRoute.GET(new Request(`http://t/api/hosts${query}`, { headers: { cookie } }), undefined);
  };

  it("answers the query's page with the fleet's totals, tags, findings and the time it judged staleness at", async () => {
    const before = Date.now();
    const res = await get("?severity=critical&sort=tw&dir=asc&page=2&pageSize=3");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.query).toEqual({ ...DEFAULT_QUERY, severity: "critical", sort: "tw", dir: "asc", page: 2, pageSize: 3 });
    expect(body.hosts).toHaveLength(3);
    expect(body.hosts.every((h: FleetHostDto) => h.worst?.severity === "critical")).toBe(true);
    expect(body).toMatchObject({ total: 64, page: 2, pageSize: 3, pollIntervalMs: POLL });
    expect(body.asOf).toBeGreaterThanOrEqual(before);
    expect(Object.keys(body).sort()).toEqual(
      [
        "asOf",
        "collectors",
        "findings",
        "hosts",
        "matched",
        "page",
        "pageCount",
        "pageSize",
        "pollIntervalMs",
        "query",
        "tags",
        "total",
        "totals",
        "uncoveredZones",
      ].sort(),
    );
  });

  it.each([
    ["?pageSize=501", "pageSize"],
    ["?pageSize=0", "pageSize"],
    ["?page=0", "page"],
    ["?page=two", "page"],
    ["?page=1.5", "page"],
    ["?sort=ip", "sort"],
    ["?dir=up", "dir"],
    ["?status=down", "status"],
    ["?severity=fatal", "severity"],
    [`?q=${"x".repeat(201)}`, "q"],
  ])("answers %s with 400 naming the field", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
  });

  it("lists every host's id, name, tags, transport and address at /api/hosts/names, past any page", async () => {
    const cookie = await sessionCookieFor(ctx, "viewer");
    const body = await (await namesRoute.GET(new Request("http://t/api/hosts/names", { headers: { cookie } }), undefined)).json();
    expect(body.hosts).toHaveLength(64);
    expect(body.hosts[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      tags: expect.any(Array),
      transport: expect.stringMatching(/^(ssh|local|bundle)$/),
      address: expect.any(String),
    });
  });
});
