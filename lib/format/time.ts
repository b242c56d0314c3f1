import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/**
 * The one way the UI writes a moment: "2026-12-01 14:05:09 CET", always 24-hour, always with its
 * zone named. Without a zone it is the browser's own; on the server (which cannot know the
 * viewer's zone) callers pass "UTC", and `<Timestamp>` switches to the viewer's zone after hydration.
 */
export interface TimeOptions {
  /** An IANA zone ("UTC", "Europe/Berlin"); the runtime's own zone when absent. */
  zone?: string;
  /** Seconds are shown unless false. */
  seconds?: boolean;
  /** The date is shown unless false (chart ticks within a day). */
  date?: boolean;
  /** The language the zone is named in ("CET" in English, "GMT+1" in Chinese); English when absent. */
  locale?: Locale;
}

function parts(at: number, zone: string | undefined, seconds: boolean, locale: Locale = DEFAULT_LOCALE): Record<string, string> {
  const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZoneName: "short",
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** "2026-12-01 14:05:09 CET" (see `TimeOptions` for what can be left out). */
export function formatDateTime(at: number, { zone, seconds = true, date = true, locale }: TimeOptions = {}): string {
  const p = parts(at, zone, seconds, locale);
  const time = `${p.hour}:${p.minute}${seconds ? `:${p.second}` : ""}`;
  return `${date ? `${p.year}-${p.month}-${p.day} ` : ""}${time} ${p.timeZoneName}`;
}

/** A time without its zone, for chart ticks whose axis names the zone once ("14:05", "12-01 14:05"). */
export function formatClock(at: number, { zone, seconds = false, date = false }: TimeOptions = {}): string {
  const p = parts(at, zone, seconds);
  const time = `${p.hour}:${p.minute}${seconds ? `:${p.second}` : ""}`;
  return date ? `${p.month}-${p.day} ${time}` : time;
}

/** The zone's short name at that moment ("CET", "UTC", "GMT+8"), for an axis or a banner. */
export function zoneName(at: number, zone?: string, locale?: Locale): string {
  return parts(at, zone, false, locale).timeZoneName ?? "UTC";
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" without a time. Other languages through `Intl.RelativeTimeFormat` ("5分钟前"). */
export function formatAgo(at: number | null | undefined, now = Date.now(), locale: Locale = DEFAULT_LOCALE): string {
  if (locale !== "en") return agoIn(locale, at, now);
  if (!at) return "never";
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

const NEVER: Record<Locale, string> = { en: "never", "zh-CN": "从未" };

function agoIn(locale: Locale, at: number | null | undefined, now: number): string {
  if (!at) return NEVER[locale];
  const s = Math.max(0, Math.round((now - at) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "always", style: "short" });
  if (s < 60) return rtf.format(-s, "second");
  if (s < 3600) return rtf.format(-Math.round(s / 60), "minute");
  if (s < 86400) return rtf.format(-Math.round(s / 3600), "hour");
  return rtf.format(-Math.round(s / 86400), "day");
}

/** One unit of a length of time in a language ("3小时"), from `Intl`. */
const unit = (locale: Locale, n: number, u: "second" | "minute" | "hour" | "day") =>
  new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short" }).format(n);

function durationIn(locale: Locale, s: number): string {
  if (s < 60) return unit(locale, s, "second");
  const min = Math.round(s / 60);
  if (min < 60) return unit(locale, min, "minute");
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? unit(locale, h, "hour") + unit(locale, min % 60, "minute") : unit(locale, h, "hour");
  const d = Math.floor(h / 24);
  return h % 24 ? unit(locale, d, "day") + unit(locale, h % 24, "hour") : unit(locale, d, "day");
}

/** A length of time: "45 s", "12 min", "3 h 5 min", "2 d 4 h"; in other languages from `Intl` ("3小时5分钟"). */
export function formatDuration(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (locale !== "en") return durationIn(locale, s);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
