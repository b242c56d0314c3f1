import { describe, expect, it } from "vitest";
import { peakOf, rateRows, timeWaitRows } from "@/components/chart/chart-rows";
import type { SeriesPointDto } from "@/lib/dto";

const point = (t: number, t1: number, tw: number, twMax: number, twRate: number): SeriesPointDto => ({
  t,
  t1,
  n: 3,
  tw,
  twMin: tw - 1,
  twMax,
  estab: 5,
  twServer: null,
  twClient: null,
  twRate,
  overflowRate: 0,
  reuseRate: 0,
  activeOpensRate: null,
});

describe("chart rows", () => {
  const points = [point(0, 20, 10, 11, 1), point(30, 50, 1365, 4033, 2), point(200, 220, 12, 13, 3)];
  const gaps = [{ from: 50, to: 200, reason: "unreachable: connect ECONNREFUSED" }];

  it("places TIME_WAIT in the middle of each point's span with its band, and a null row inside each gap", () => {
    const rows = timeWaitRows(points, gaps);
    expect(rows.map((r) => [r.x, r.tw, r.band])).toEqual([
      [10, 10, [9, 11]],
      [40, 1365, [1364, 4033]],
      [125, null, null],
      [210, 12, [11, 13]],
    ]);
    expect(rows[2]!.gap?.reason).toMatch(/unreachable/);
    expect(peakOf(rows)).toBe(4033);
  });

  it("places each rate at the end of its point, where the time it covers ends", () => {
    expect(rateRows(points, gaps).map((r) => [r.x, r.twRate])).toEqual([
      [20, 1],
      [50, 2],
      [125, null],
      [220, 3],
    ]);
  });

  it("marks a point with no neighbour on either side as isolated, so it is drawn as a dot", () => {
    expect(timeWaitRows(points, gaps).map((r) => r.isolated)).toEqual([false, false, false, true]);
  });
});

describe("chart rows from a snapshot taken before spans, gaps and events were kept", () => {
  it("places each point at its first sample and draws its min–max band", () => {
    const old: SeriesPointDto = {
      t: 5,
      tw: 10,
      twMin: 2,
      twMax: 40,
      estab: 1,
      twServer: null,
      twClient: null,
      twRate: 1,
      overflowRate: null,
      reuseRate: null,
      activeOpensRate: null,
    };
    expect(timeWaitRows([old, { ...old, t: 9 }], []).map((r) => [r.x, r.band])).toEqual([
      [5, [2, 40]],
      [9, [2, 40]],
    ]);
    expect(rateRows([old], []).map((r) => r.x)).toEqual([5]);
  });
});
