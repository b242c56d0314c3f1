/** What a silence mutes: one alert rule, one host (by name), or every host with a tag. */
export const SILENCE_MATCHERS = ["rule", "host", "tag"] as const;
export type SilenceMatcher = (typeof SILENCE_MATCHERS)[number];

export interface Silence {
  id: number;
  matcher: SilenceMatcher;
  value: string;
  startsAt: number;
  endsAt: number;
  createdBy: string;
  reason: string;
  createdAt: number;
}

export interface SilenceTarget {
  ruleId: string;
  hostName: string;
  tags: readonly string[];
}

/** The silence in force at `now` that mutes the alert, if any: it keeps its state but notifies nobody. */
export function silenceFor(silences: readonly Silence[], target: SilenceTarget, now: number): Silence | null {
  return (
    silences.find((s) => {
      if (now < s.startsAt || now >= s.endsAt) return false;
      if (s.matcher === "rule") return s.value === target.ruleId;
      if (s.matcher === "host") return s.value === target.hostName;
      return target.tags.includes(s.value);
    }) ?? null
  );
}
