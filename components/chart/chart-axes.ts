import { formatClock } from "@/lib/format/time";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick steps a reader can count in: round minutes, hours and days. */
const TIME_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];
const MAX_TIME_TICKS = 8;

/** How far the zone's wall clock is ahead of UTC at `at` (CET: +1 h), read from Intl. */
export function zoneOffsetMs(at: number, zone?: string): number {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * Ticks at round wall-clock times of the zone inside [from, to]: every 2, 5, 10, 15 or 30 minutes,
 * 1–12 hours or days, the smallest step that keeps the axis under nine ticks.
 */
export function timeTicks(from: number, to: number, zone?: string): { ticks: number[]; stepMs: number } {
  const stepMs = TIME_STEPS.find((s) => (to - from) / s <= MAX_TIME_TICKS) ?? TIME_STEPS.at(-1)!;
  const ticks: number[] = [];
  const offset = zoneOffsetMs(from, zone);
  for (let wall = Math.ceil((from + offset) / stepMs) * stepMs; wall - offset <= to + DAY; wall += stepMs) {
    // Recomputed per tick, so day ticks stay at midnight across a daylight-saving change.
    const t = wall - zoneOffsetMs(wall - offset, zone);
    if (t >= from && t <= to) ticks.push(t);
    if (t > to) break;
  }
  return { ticks, stepMs };
}

/** "14:05"; the date alone ("12-01") for day steps and at midnight, where the time says nothing. */
export function timeTickLabel(at: number, stepMs: number, zone?: string): string {
  const time = formatClock(at, { zone });
  if (stepMs < DAY && time !== "00:00") return time;
  return formatClock(at, { zone, date: true }).split(" ")[0]!;
}

/**
 * Round y ticks from 0 to just above `max`: steps of 1, 2, 2.5 or 5 times a power of ten, at most
 * five of them (0/500/1000/1500/2000, never 0/550/1100/1650).
 */
export function valueTicks(max: number, { whole = false }: { whole?: boolean } = {}): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  // Counts of sockets step by whole numbers (no "0.2 sockets"); rates may step by fractions.
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * power).filter((s) => !whole || Number.isInteger(s));
  const step = whole && raw < 1 ? 1 : steps.find((s) => s >= raw)!;
  const count = Math.ceil(top / step - 1e-9);
  // Rounded to the step's decimals, so 0.1 steps read 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}
