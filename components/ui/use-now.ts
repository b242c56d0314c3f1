"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";

/**
 * One clock for the whole page: a single interval, as fast as its most demanding reader needs
 * (every second while some "12 s ago" is on screen, every 10 s or minute after). Each reader only
 * re-renders when the time, rounded to its own resolution, changes.
 */
const readers = new Map<() => void, number>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
let timerEveryMs = 0;

function tick(): void {
  now = Date.now();
  for (const notify of readers.keys()) notify();
}

function reschedule(): void {
  const every = readers.size ? Math.min(...readers.values()) : 0;
  if (every === timerEveryMs) return;
  clearInterval(timer);
  timer = every ? setInterval(tick, every) : undefined;
  timerEveryMs = every;
}

const noSubscription = () => () => {};

/**
 * The time the server rendered the page at. The server and the hydrating browser both read it, so
 * figures that depend on the time (fresh or stale, "2 h ago") hydrate exactly as rendered even when
 * a second boundary passes in between; the live clock takes over right after.
 */
export const RenderTime = createContext<number | null>(null);

/** The current time rounded down to `everyMs`, re-read as it passes; `frozenAt` (a snapshot's capture time) stops the clock. */
export function useNow(everyMs: number, frozenAt?: number): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      readers.set(notify, everyMs);
      now = Date.now();
      reschedule();
      return () => {
        readers.delete(notify);
        reschedule();
      };
    },
    [everyMs],
  );
  const renderedAt = useContext(RenderTime);
  const read = () => Math.floor(now / everyMs) * everyMs;
  const live = useSyncExternalStore(
    frozenAt === undefined ? subscribe : noSubscription,
    read,
    () => Math.floor((renderedAt ?? Date.now()) / everyMs) * everyMs,
  );
  return frozenAt ?? live;
}

/** How often a "… ago" for a moment this old needs re-reading. */
export function tickFor(ageMs: number): number {
  if (ageMs < 60_000) return 1_000;
  if (ageMs < 3_600_000) return 10_000;
  return 60_000;
}

/** The time the shared clock last read, for choosing a resolution before subscribing. */
export const lastReading = () => now;

/** False while the server's HTML is hydrated, true from then on: the moment the viewer's time zone may be used. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
