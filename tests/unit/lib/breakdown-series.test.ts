import { describe, expect, it } from "vitest";
import { breakdownRows, downsampleBreakdown, lonePoints, timeTicks } from "@/lib/series/breakdown-series";
import type { BreakdownKeyDto } from "@/lib/dto";

const key = (name: string, times: number[], value = (t: number) => t): BreakdownKeyDto => ({
  key: name,
  peak: Math.max(...times.map(value)),
  points: times.map((t) => ({ t, avg: value(t), min: value(t), max: value(t) })),
});

describe("breakdownRows()", () => {
  it("puts every key on one time axis, null where a key has no point (a break in its line)", () => {
    const { rows, cells } = breakdownRows([key("a", [1, 2, 3]), key("b", [3, 4])]);
    expect(rows).toEqual([
      { t: 1, k0: 1, k1: null },
      { t: 2, k0: 2, k1: null },
      { t: 3, k0: 3, k1: 3 },
      { t: 4, k0: null, k1: 4 },
    ]);
    expect(cells.get(4)).toEqual([null, { avg: 4, min: 4, max: 4 }]);
  });
});

describe("lonePoints()", () => {
  it("marks a key's values that have no neighbour to draw a segment to, such as a one-poll spike", () => {
    const { rows } = breakdownRows([key("steady", [1, 2, 3, 4, 5]), key("spike", [3]), key("pair", [1, 2, 5])]);
    expect(lonePoints(rows, 3).map((s) => [...s])).toEqual([[], [2], [4]]);
  });
});

describe("downsampleBreakdown()", () => {
  it("merges 1,000 points per key into at most 500 on times shared by the keys, keeping a one-point spike", () => {
    const times = Array.from({ length: 1000 }, (_, i) => i * 1000);
    const series = {
      from: 0,
      to: 999_000,
      keys: [key("a", times, (t) => (t === 777_000 ? 5000 : 10)), key("b", times.slice(500), () => 3)],
    };
    const out = downsampleBreakdown(series, 500);
    expect(out.keys[0]!.points.length).toBeLessThanOrEqual(500);
    expect(Math.max(...out.keys[0]!.points.map((p) => p.max))).toBe(5000);
    expect(Math.max(...out.keys[0]!.points.map((p) => p.avg))).toBeLessThan(5000);
    const aTimes = new Set(out.keys[0]!.points.map((p) => p.t));
    expect(out.keys[1]!.points.every((p) => aTimes.has(p.t))).toBe(true);
    expect(out.keys[1]!.points[0]!.t).toBeGreaterThanOrEqual(499_000);
  });

  it("returns a short series as it is", () => {
    const series = { from: 0, to: 10, keys: [key("a", [1, 2])] };
    expect(downsampleBreakdown(series, 500)).toBe(series);
  });
});

describe("timeTicks()", () => {
  it("gives round times across the whole range", () => {
    const from = Date.UTC(2026, 11, 1, 13, 7, 30);
    expect(timeTicks(from, from + 3_600_000).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      "13:10",
      "13:20",
      "13:30",
      "13:40",
      "13:50",
      "14:00",
    ]);
    expect(timeTicks(from, from + 7 * 86_400_000)).toHaveLength(7);
  });
});
