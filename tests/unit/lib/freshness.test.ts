import { describe, expect, it } from "vitest";
import { freshnessOf, type FreshnessInput } from "@/lib/host/freshness";

const NOW = 1_795_611_351_000;
const POLL = 15_000;
const polled = (ageMs: number | null, over: Partial<FreshnessInput> = {}): FreshnessInput => ({
  transport: "ssh",
  lastPollAt: NOW - 1_000,
  current: ageMs === null ? null : { at: NOW - ageMs },
  ...over,
});

describe("freshnessOf()", () => {
  it("calls a sample fresh up to 3 poll intervals old", () => {
    expect(freshnessOf(polled(45_000), NOW, POLL)).toEqual({ state: "fresh", at: NOW - 45_000, ageMs: 45_000 });
  });

  it("calls a sample stale once it is older than 3 poll intervals", () => {
    expect(freshnessOf(polled(45_001), NOW, POLL)).toEqual({ state: "stale", at: NOW - 45_001, ageMs: 45_001 });
  });

  it("scales the threshold with the poll interval", () => {
    expect(freshnessOf(polled(100_000), NOW, 60_000).state).toBe("fresh");
    expect(freshnessOf(polled(100_000), NOW, 30_000).state).toBe("stale");
  });

  it("judges the sample time, not the last poll: an unreachable host polled a second ago is still stale", () => {
    expect(freshnessOf(polled(10 * 60_000, { lastPollAt: NOW - 1_000 }), NOW, POLL).state).toBe("stale");
  });

  it("treats the local probe like any polled host", () => {
    expect(freshnessOf(polled(120_000, { transport: "local" }), NOW, POLL).state).toBe("stale");
  });

  it("never calls a pasted bundle fresh, even one pasted a second ago, and keeps its paste time", () => {
    expect(freshnessOf(polled(2_000, { transport: "bundle", lastPollAt: NOW - 1_000 }), NOW, POLL)).toEqual({
      state: "bundle",
      at: NOW - 2_000,
      ageMs: 2_000,
      pastedAt: NOW - 1_000,
    });
  });

  it("gives no state to a host without any sample", () => {
    expect(freshnessOf(polled(null), NOW, POLL)).toEqual({ state: "none" });
  });

  it("judges a snapshot at its capture time, so it reads the same days later", () => {
    const host = polled(5_000);
    expect(freshnessOf(host, NOW, POLL).state).toBe("fresh");
    expect(freshnessOf(host, NOW + 3 * 86_400_000, POLL).state).toBe("stale");
  });
});
