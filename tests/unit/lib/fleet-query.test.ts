import { describe, expect, it } from "vitest";
import type { FleetHostDto } from "@/lib/dto";
import {
  applyQuery,
  DEFAULT_QUERY,
  fleetTotals,
  nextView,
  pageInfoOf,
  pageRows,
  paramsFromQuery,
  parseFleetQuery,
  queryFromParams,
} from "@/lib/fleet-query";

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
    zone: null,
    collector: null,
    noCollector: false,
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

describe("the fleet query in the URL and the API", () => {
  it("fills in the defaults: worst first, page 1 of 50", () => {
    expect(parseFleetQuery(new URLSearchParams())).toEqual({
      q: "",
      status: "",
      severity: "",
      tag: "",
      sort: "severity",
      dir: "desc",
      page: 1,
      pageSize: 50,
    });
  });

  it("reads a link's filters, sort and page, and writes back only what differs from the default", () => {
    const params = new URLSearchParams("severity=critical&sort=tw&page=3&pageSize=100&tag=web&q=db");
    const view = parseFleetQuery(params);
    expect(view).toMatchObject({ severity: "critical", sort: "tw", page: 3, pageSize: 100, tag: "web", q: "db" });
    expect(paramsFromQuery(view).toString()).toBe("q=db&severity=critical&tag=web&sort=tw&page=3&pageSize=100");
    expect(paramsFromQuery(DEFAULT_QUERY).toString()).toBe("");
  });

  it.each([
    ["pageSize=501", "pageSize"],
    ["page=0", "page"],
    ["page=x", "page"],
    ["sort=ip", "sort"],
    ["status=down", "status"],
  ])("refuses %s, naming the field", (qs, field) => {
    const result = (() => {
      try {
        parseFleetQuery(new URLSearchParams(qs));
        return null;
      } catch (err) {
        return (err as { issues: { path: string[] }[] }).issues.map((i) => i.path.join("."));
      }
    })();
    expect(result).toEqual([field]);
  });

  it("falls back to the default for each value of a page URL that does not fit, keeping the others", () => {
    expect(queryFromParams(new URLSearchParams("page=-2&pageSize=9999&sort=ip&severity=critical"))).toEqual({
      ...DEFAULT_QUERY,
      severity: "critical",
    });
  });

  it("starts again at page 1 when anything but the page changes", () => {
    const on3 = { ...DEFAULT_QUERY, page: 3 };
    expect(nextView(on3, { page: 4 }).page).toBe(4);
    expect(nextView(on3, { severity: "warning" })).toMatchObject({ severity: "warning", page: 1 });
    expect(nextView(on3, { pageSize: 100 }).page).toBe(1);
  });

  it("cuts pages from the ordered rows and says where they sit", () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    expect(pageRows(rows, { page: 2, pageSize: 3 })).toEqual([3, 4, 5]);
    expect(pageRows(rows, { page: 4, pageSize: 3 })).toEqual([]);
    expect(pageInfoOf({ page: 3, pageSize: 3 }, 7, 10)).toEqual({ page: 3, pageSize: 3, pageCount: 3, matched: 7, total: 10 });
    expect(pageInfoOf({ page: 1, pageSize: 50 }, 0, 10).pageCount).toBe(1);
  });

  it("breaks ties by name, then id, whatever the direction", () => {
    const twins = [host("b", { tw: 5 }), host("A", { tw: 5 }), host("c", { tw: 9 })];
    const order = (dir: "asc" | "desc") => applyQuery(twins, { ...DEFAULT_QUERY, sort: "tw", dir }, NOW, POLL).map((h) => h.name);
    expect(order("desc")).toEqual(["c", "A", "b"]);
    expect(order("asc")).toEqual(["A", "b", "c"]);
  });
});
