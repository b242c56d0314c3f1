import { describe, expect, it } from "vitest";
import type { FleetHostDto } from "@/lib/dto";
import { applyQuery, DEFAULT_QUERY, fleetTotals, paramsFromQuery, queryFromParams } from "@/lib/fleet-query";

const NOW = 1_795_611_351_000;
const POLL = 15_000;
let nextId = 1;

function host(
  name: string,
  over: {
    transport?: FleetHostDto["transport"];
    ageMs?: number;
    tw?: number;
    severity?: "critical" | "warning" | "info";
    status?: FleetHostDto["status"];
  },
): FleetHostDto {
  const { transport = "ssh", ageMs = 5_000, tw = 100, severity, status = "ok" } = over;
  return {
    id: nextId++,
    name,
    transport,
    address: "10.0.0.1",
    port: 22,
    username: "u",
    tags: [],
    status,
    lastError: null,
    lastPollAt: NOW - 1_000,
    current: { at: NOW - ageMs, kernel: "6.1.0", timeWait: tw, established: 1, twServer: tw, twClient: 0, newConnectionsPerSec: null },
    worst: severity ? { severity, ruleId: "r", title: "t" } : null,
    sparkline: [],
  };
}

const fleet = [
  host("fresh-critical", { tw: 1_000, severity: "critical" }),
  host("fresh-warning", { tw: 200, severity: "warning" }),
  host("stale-critical", { tw: 182, severity: "critical", ageMs: 10 * 60_000, status: "unreachable" }),
  host("stale-ok", { tw: 50, severity: "warning", ageMs: 46_000 }),
  host("bundle", { transport: "bundle", tw: 4_000, severity: "critical", ageMs: 9 * 60_000 }),
];

describe("fleetTotals()", () => {
  it("adds TIME_WAIT and counts critical and warning hosts from fresh samples only", () => {
    const t = fleetTotals(fleet, NOW, POLL);
    expect(t.timeWait).toBe(1_200);
    expect(t.critical).toBe(1);
    expect(t.warning).toBe(1);
  });

  it("says how many stale hosts and pasted bundles it leaves out", () => {
    expect(fleetTotals(fleet, NOW, POLL).leftOut).toEqual({ stale: 2, bundle: 1 });
  });

  it("still counts every host and every failing one, stale or not", () => {
    const t = fleetTotals(fleet, NOW, POLL);
    expect(t.hosts).toBe(5);
    expect(t.unreachable).toBe(1);
  });

  it("turns a host stale as the clock moves on, without new data", () => {
    const later = fleetTotals(fleet, NOW + 60_000, POLL);
    expect(later.timeWait).toBe(0);
    expect(later.leftOut).toEqual({ stale: 4, bundle: 1 });
  });
});

describe("applyQuery()", () => {
  it("filters stale hosts with status=stale, judged at the given time", () => {
    const names = (now: number) =>
      applyQuery(fleet, { ...DEFAULT_QUERY, status: "stale" }, now, POLL)
        .map((h) => h.name)
        .sort();
    expect(names(NOW)).toEqual(["stale-critical", "stale-ok"]);
    expect(names(NOW + 60_000)).toEqual(["fresh-critical", "fresh-warning", "stale-critical", "stale-ok"]);
  });

  it("keeps the stale filter in the URL", () => {
    const params = paramsFromQuery({ ...DEFAULT_QUERY, status: "stale" });
    expect(params.toString()).toBe("status=stale");
    expect(queryFromParams(params).status).toBe("stale");
  });
});
