import { describe, expect, it } from "vitest";
import { advance, type AlertEpisode } from "@/lib/alerts/state-machine";

const T = { forMs: 60_000, holdMs: 300_000 };

/** Runs the machine over a timeline of [time, holds] and returns the state after each step ("inactive" when no episode). */
function run(timeline: [number, boolean][], t = T): string[] {
  let latest: AlertEpisode | null = null;
  return timeline.map(([now, holds]) => {
    const step = advance(latest, holds, now, t);
    if (step.kind === "clear") latest = null;
    else if (step.kind !== "stay") latest = step.episode;
    return latest?.state ?? "inactive";
  });
}

describe("the alert state machine", () => {
  it("goes pending when the condition holds and fires only once it held for the `for` duration", () => {
    expect(
      run([
        [0, true],
        [30_000, true],
        [59_999, true],
        [60_000, true],
      ]),
    ).toEqual(["pending", "pending", "pending", "firing"]);
  });

  it("fires at once when `for` is 0, and keeps firing while the condition holds", () => {
    expect(
      run(
        [
          [0, true],
          [15_000, true],
        ],
        { forMs: 0, holdMs: 0 },
      ),
    ).toEqual(["firing", "firing"]);
  });

  it("drops a pending alert whose condition ends before `for`, and starts `for` again from scratch", () => {
    expect(
      run([
        [0, true],
        [45_000, false],
        [50_000, true],
        [100_000, true],
        [110_000, true],
      ]),
    ).toEqual(["pending", "inactive", "pending", "pending", "firing"]);
  });

  it("resolves when a firing condition ends, and stays resolved through a flap within the hold time", () => {
    const states = run([
      [0, true],
      [60_000, true],
      [75_000, false],
      [90_000, true],
      [360_000, true],
      [375_000, true],
      [435_000, true],
    ]);
    // resolved at 75 s; the condition is back at 90 s and 360 s, inside the 300 s hold: still resolved.
    // From 375 s (hold over) a new episode starts pending and fires 60 s later.
    expect(states).toEqual(["pending", "firing", "resolved", "resolved", "resolved", "pending", "firing"]);
  });

  it("keeps the time the episode started and the time it fired", () => {
    const first = advance(null, true, 1000, T);
    expect(first).toEqual({ kind: "start", episode: { state: "pending", pendingSince: 1000, firingSince: null, resolvedAt: null } });
    const fired = advance((first as { episode: AlertEpisode }).episode, true, 61_000, T);
    expect(fired).toEqual({ kind: "fire", episode: { state: "firing", pendingSince: 1000, firingSince: 61_000, resolvedAt: null } });
    const resolved = advance((fired as { episode: AlertEpisode }).episode, false, 90_000, T);
    expect(resolved).toMatchObject({ kind: "resolve", episode: { state: "resolved", firingSince: 61_000, resolvedAt: 90_000 } });
  });
});
