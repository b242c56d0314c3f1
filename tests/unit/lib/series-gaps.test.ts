import { describe, expect, it } from "vitest";
import type { SeriesPointDto } from "@/lib/dto";
import { findGaps } from "@/lib/series/gaps";

const at = (t: number, t1 = t): SeriesPointDto => ({
  t,
  t1,
  n: 1,
  tw: 1,
  twMin: 1,
  twMax: 1,
  estab: null,
  twServer: null,
  twClient: null,
  twRate: null,
  overflowRate: null,
  reuseRate: null,
  activeOpensRate: null,
});

describe("findGaps()", () => {
  it("finds a stretch between points longer than the limit, and none shorter", () => {
    const points = [at(0), at(15), at(30), at(181), at(196), at(230)];
    expect(findGaps(points, 0, 230, 37.5)).toEqual([{ from: 30, to: 181 }]);
  });

  it("counts the start and end of the range when no point is near them", () => {
    expect(findGaps([at(100, 160)], 0, 400, 37.5)).toEqual([
      { from: 0, to: 100 },
      { from: 160, to: 400 },
    ]);
    expect(findGaps([], 0, 400, 37.5)).toEqual([{ from: 0, to: 400 }]);
  });

  it("takes the time up to the newest raw sample as covered after rollups, which lag the samples", () => {
    expect(findGaps([at(0, 60)], 0, 150, 37.5, 140)).toEqual([]);
    expect(findGaps([at(0, 60)], 0, 150, 37.5, null)).toEqual([{ from: 60, to: 150 }]);
  });
});
