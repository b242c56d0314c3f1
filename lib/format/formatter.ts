import type { Locale } from "../i18n/locales";
import { formatCount, formatRate } from "./number";
import { formatAgo, formatClock, formatDateTime, formatDuration, zoneName, type TimeOptions } from "./time";

/** The formatters bound to one language, for code that renders text (components take them from `useFormat`). */
export function formatterFor(locale: Locale) {
  return {
    locale,
    count: (n: number | null | undefined) => formatCount(n, locale),
    rate: (n: number | null | undefined) => formatRate(n, locale),
    dateTime: (at: number, options: Omit<TimeOptions, "locale"> = {}) => formatDateTime(at, { ...options, locale }),
    clock: (at: number, options: Omit<TimeOptions, "locale"> = {}) => formatClock(at, { ...options, locale }),
    zone: (at: number, zone?: string) => zoneName(at, zone, locale),
    ago: (at: number | null | undefined, now?: number) => formatAgo(at, now, locale),
    duration: (ms: number) => formatDuration(ms, locale),
  };
}

export type Formatter = ReturnType<typeof formatterFor>;
