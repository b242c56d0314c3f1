/** The states an alert row can be in; "inactive" is the absence of an open row. */
const ALERT_STATES = ["pending", "firing", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Where one alert (one rule, one host, one subject) stands: its latest episode. */
export interface AlertEpisode {
  state: AlertState;
  pendingSince: number;
  firingSince: number | null;
  resolvedAt: number | null;
}

export interface Timing {
  forMs: number;
  holdMs: number;
}

/**
 * What happens to an alert at one evaluation:
 * - `start`: a new episode begins (pending, or firing at once when `for` is 0);
 * - `fire`: pending held for `for` and now fires;
 * - `clear`: pending ended before it fired (the episode is dropped: it never fired);
 * - `resolve`: firing ended;
 * - `stay`: nothing changed (including a condition back within the hold time of a resolve).
 */
export type Step =
  | { kind: "start"; episode: AlertEpisode }
  | { kind: "fire"; episode: AlertEpisode }
  | { kind: "clear" }
  | { kind: "resolve"; episode: AlertEpisode }
  | { kind: "stay" };

/**
 * inactive → pending → firing → resolved. `latest` is the alert's latest episode (null when it never
 * started); `holds` whether its condition holds now. A resolved alert stays resolved for `holdMs`
 * (flap damping) before a condition that holds again starts a new episode.
 */
export function advance(latest: AlertEpisode | null, holds: boolean, now: number, t: Timing): Step {
  if (latest === null || latest.state === "resolved") {
    if (!holds) return { kind: "stay" };
    if (latest?.resolvedAt != null && now - latest.resolvedAt < t.holdMs) return { kind: "stay" };
    return { kind: "start", episode: t.forMs <= 0 ? firing(now, now) : pending(now) };
  }
  if (latest.state === "pending") {
    if (!holds) return { kind: "clear" };
    if (now - latest.pendingSince >= t.forMs) return { kind: "fire", episode: firing(latest.pendingSince, now) };
    return { kind: "stay" };
  }
  if (!holds) return { kind: "resolve", episode: { ...latest, state: "resolved", resolvedAt: now } };
  return { kind: "stay" };
}

const pending = (since: number): AlertEpisode => ({ state: "pending", pendingSince: since, firingSince: null, resolvedAt: null });
const firing = (pendingSince: number, now: number): AlertEpisode => ({
  state: "firing",
  pendingSince,
  firingSince: now,
  resolvedAt: null,
});
