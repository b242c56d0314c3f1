import { describe, expect, it } from "vitest";
import { computeRates } from "@/lib/sample/rates";

const reading = (at: number, tw: number, uptime: number | null = 1000) => ({
  at,
  uptimeSeconds: uptime,
  counters: { "TcpExt.TW": tw, "Tcp.ActiveOpens": tw * 2 },
});

describe("computeRates()", () => {
  it("divides counter growth by the seconds between samples", () => {
    const r = computeRates(reading(0, 100), reading(15_000, 400));
    expect(r.twPerSec).toBe(20);
    expect(r.activeOpensPerSec).toBe(40);
  });

  it("gives no rate for a first sample", () => {
    expect(computeRates(null, reading(0, 5)).twPerSec).toBeNull();
  });

  it("gives no rate across a reboot, seen as a counter going down", () => {
    expect(computeRates(reading(0, 10_000), reading(15_000, 30)).twPerSec).toBeNull();
  });

  it("gives no rate when uptime went down even if the counter grew", () => {
    expect(computeRates(reading(0, 10, 5000), reading(15_000, 900, 20)).twPerSec).toBeNull();
  });

  it("gives no rate for a counter this kernel lacks", () => {
    expect(computeRates(reading(0, 1), reading(15_000, 2)).pawsPassivePerSec).toBeNull();
  });
});
