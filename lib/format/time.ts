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
}

function parts(at: number, zone: string | undefined, seconds: boolean): Record<string, string> {
  const fmt = new Intl.DateTimeFormat("en-GB", {
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
export function formatDateTime(at: number, { zone, seconds = true, date = true }: TimeOptions = {}): string {
  const p = parts(at, zone, seconds);
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
export function zoneName(at: number, zone?: string): string {
  return parts(at, zone, false).timeZoneName ?? "UTC";
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" without a time. */
export function formatAgo(at: number | null | undefined, now = Date.now()): string {
  if (!at) return "never";
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A length of time: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
