import { describe, expect, it } from "vitest";
import { timeTickLabel, timeTicks, valueTicks, zoneOffsetMs } from "@/components/chart/chart-axes";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 11, 1, 14, 7, 23);

describe("timeTicks()", () => {
  it("puts a 1 h range on round 10-minute times inside it", () => {
    const { ticks, stepMs } = timeTicks(T - HOUR, T, "UTC");
    expect(stepMs).toBe(10 * MIN);
    expect(ticks.map((t) => timeTickLabel(t, stepMs, "UTC"))).toEqual(["13:10", "13:20", "13:30", "13:40", "13:50", "14:00"]);
  });

  it("uses 3-hour steps for 24 h and labels midnight with its date", () => {
    const { ticks, stepMs } = timeTicks(T - DAY, T, "UTC");
    expect(stepMs).toBe(3 * HOUR);
    expect(ticks.map((t) => timeTickLabel(t, stepMs, "UTC"))).toEqual([
      "15:00",
      "18:00",
      "21:00",
      "12-01",
      "03:00",
      "06:00",
      "09:00",
      "12:00",
    ]);
  });

  it("puts 7 d ticks on the viewer's midnights, not on UTC's", () => {
    const { ticks, stepMs } = timeTicks(T - 7 * DAY, T, "Asia/Kolkata");
    expect(stepMs).toBe(DAY);
    expect(ticks).toHaveLength(7);
    for (const t of ticks) expect(timeTickLabel(t, stepMs, "Asia/Kolkata")).toMatch(/^\d\d-\d\d$/);
    expect(new Date(ticks[0]!).getUTCHours()).toBe(18);
  });

  it("keeps day ticks at midnight across a daylight-saving change", () => {
    const end = Date.UTC(2026, 2, 31, 12);
    const { ticks, stepMs } = timeTicks(end - 7 * DAY, end, "Europe/Berlin");
    expect(ticks.map((t) => timeTickLabel(t, stepMs, "Europe/Berlin"))).toEqual([
      "03-25",
      "03-26",
      "03-27",
      "03-28",
      "03-29",
      "03-30",
      "03-31",
    ]);
    expect(zoneOffsetMs(ticks[0]!, "Europe/Berlin")).toBe(HOUR);
    expect(zoneOffsetMs(ticks.at(-1)!, "Europe/Berlin")).toBe(2 * HOUR);
  });

  it("never gives more than eight ticks for any range the page offers", () => {
    for (const span of [15 * MIN, HOUR, 6 * HOUR, DAY, 7 * DAY]) expect(timeTicks(T - span, T, "UTC").ticks.length).toBeLessThanOrEqual(8);
  });
});

describe("valueTicks()", () => {
  it("gives round steps from 0 to at or above the peak", () => {
    expect(valueTicks(1650)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(valueTicks(4033)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(valueTicks(2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(valueTicks(90)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it("handles small rates and an empty chart", () => {
    expect(valueTicks(0.27)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("steps socket counts by whole numbers: no fractions of a socket on an empty or small chart", () => {
    expect(valueTicks(0, { whole: true })).toEqual([0, 1]);
    expect(valueTicks(3, { whole: true })).toEqual([0, 1, 2, 3]);
    expect(valueTicks(12, { whole: true })).toEqual([0, 5, 10, 15]);
    expect(valueTicks(4033, { whole: true })).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });
});
