import type { HostCurrentDto, HostDto } from "../dto";

/** A sample older than this many poll intervals is stale: at least two polls in a row brought nothing new. */
export const STALE_AFTER_INTERVALS = 3;

/** What a snapshot taken before the interval was stored with it assumes (the server's default). */
export const DEFAULT_POLL_INTERVAL_MS = 15_000;

/**
 * How far a host's figures can be trusted as "now":
 * - `fresh`: the newest sample is at most 3 poll intervals old;
 * - `stale`: it is older, whatever the host's status (unreachable, failing, or the poller stopped);
 * - `bundle`: a pasted bundle, never polled, so never "now" (`pastedAt` is when it was pasted);
 * - `none`: no sample yet, so no figure to judge.
 */
export type Freshness =
  | { state: "fresh"; at: number; ageMs: number }
  | { state: "stale"; at: number; ageMs: number }
  | { state: "bundle"; at: number; ageMs: number; pastedAt: number }
  | { state: "none" };

export type FreshnessInput = Pick<HostDto, "transport" | "lastPollAt"> & { current: Pick<HostCurrentDto, "at"> | null };

/** The one rule for data age, judged at `now`: the browser's clock on a live page, the capture time in a snapshot. */
export function freshnessOf(host: FreshnessInput, now: number, pollIntervalMs: number): Freshness {
  if (!host.current) return { state: "none" };
  const { at } = host.current;
  const ageMs = Math.max(0, now - at);
  if (host.transport === "bundle") return { state: "bundle", at, ageMs, pastedAt: host.lastPollAt ?? at };
  return ageMs > STALE_AFTER_INTERVALS * pollIntervalMs ? { state: "stale", at, ageMs } : { state: "fresh", at, ageMs };
}
