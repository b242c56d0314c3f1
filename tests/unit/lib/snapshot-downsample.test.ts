import { describe, expect, it } from "vitest";
import type { SeriesPointDto } from "@/lib/dto";
import { downsampleSeries } from "@/lib/snapshot/downsample";

const point = (i: number, tw: number): SeriesPointDto => ({
  t: i * 15_000,
  t1: i * 15_000,
  n: 1,
  tw,
  twMin: tw,
  twMax: tw,
  estab: 1,
  twServer: null,
  twClient: null,
  twRate: 1,
  overflowRate: null,
  reuseRate: null,
  activeOpensRate: null,
});

describe("downsampleSeries() for snapshots", () => {
  it("keeps a one-poll spike as the merged point's max, with the time span and sample count merged", () => {
    const points = Array.from({ length: 2000 }, (_, i) => point(i, i === 1234 ? 4033 : 1000));
    const out = downsampleSeries(points, 500);
    expect(out).toHaveLength(500);
    const spike = out.find((p) => p.twMax === 4033)!;
    expect(spike).toMatchObject({ t: 1232 * 15_000, t1: 1235 * 15_000, n: 4, twMin: 1000 });
    expect(spike.tw).toBe(Math.round((3 * 1000 + 4033) / 4));
  });

  it("never merges points across a gap", () => {
    const points = Array.from({ length: 1000 }, (_, i) => point(i < 501 ? i : i + 20, 10));
    const gap = { from: 500 * 15_000, to: 521 * 15_000 };
    const out = downsampleSeries(points, 100, [gap]);
    expect(out.every((p) => p.t1! <= gap.from || p.t >= gap.to)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(101);
  });

  it("weights merged averages by how many samples each point holds", () => {
    const points = [{ ...point(0, 100), n: 9 }, { ...point(1, 200), n: 1 }, point(2, 0), point(3, 0)];
    expect(downsampleSeries(points, 2)[0]).toMatchObject({ tw: 110, n: 10 });
  });
});
