import type { HostSample, SampleRates } from "../types";

/** The counters charted as rates, by the field they feed. */
const RATE_COUNTERS: Record<keyof SampleRates, string> = {
  twPerSec: "TcpExt.TW",
  twRecycledPerSec: "TcpExt.TWRecycled",
  twKilledPerSec: "TcpExt.TWKilled",
  twOverflowPerSec: "TcpExt.TCPTimeWaitOverflow",
  pawsPassivePerSec: "TcpExt.PAWSPassive",
  activeOpensPerSec: "Tcp.ActiveOpens",
  passiveOpensPerSec: "Tcp.PassiveOpens",
  listenDropsPerSec: "TcpExt.ListenDrops",
};

export interface CounterReading {
  /** Collector clock, epoch ms. */
  at: number;
  uptimeSeconds: number | null;
  counters: Record<string, number>;
}

/**
 * Per-second rates between two readings. A counter that went down, or an uptime that went
 * down, means the host rebooted (or the counter wrapped): that interval has no rate.
 */
export function computeRates(previous: CounterReading | null, current: CounterReading): SampleRates {
  const rates = {} as SampleRates;
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  const rebooted = previous?.uptimeSeconds != null && current.uptimeSeconds != null && current.uptimeSeconds < previous.uptimeSeconds;
  for (const [field, name] of Object.entries(RATE_COUNTERS) as [keyof SampleRates, string][]) {
    const before = previous?.counters[name];
    const now = current.counters[name];
    const usable = before !== undefined && now !== undefined && seconds > 0 && !rebooted && now >= before;
    rates[field] = usable ? (now - before) / seconds : null;
  }
  return rates;
}

/** The rates, or null when none could be computed (a host's first sample): the advisor then judges the sample alone. */
export function ratesOrNull(rates: SampleRates): SampleRates | null {
  return rates.twPerSec === null && rates.activeOpensPerSec === null ? null : rates;
}

export function readingOf(sample: HostSample, at: number): CounterReading {
  return { at, uptimeSeconds: sample.uptimeSeconds, counters: sample.counters };
}
