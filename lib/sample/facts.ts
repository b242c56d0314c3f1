import type { HostSample } from "../types";

/**
 * The TIME_WAIT count of a sample: the kernel's own (sockstat), else the socket list's total.
 * Zero when the input had neither; `timeWaitNow` tells that apart.
 */
export function timeWaitCount(s: HostSample): number {
  return s.sockstat.tcpTw ?? s.timeWait.total;
}

/** The TIME_WAIT count to show and chart; null when the input has neither sockstat nor a socket list. */
export function timeWaitNow(s: HostSample): number | null {
  return hasTimeWaitCount(s) ? timeWaitCount(s) : null;
}

/** Established connections: counted from the socket list, else the kernel's Tcp.CurrEstab counter. */
export function establishedNow(s: HostSample): number | null {
  return s.states.ESTAB ?? s.counters["Tcp.CurrEstab"] ?? null;
}

/** A count from sockstat, or a socket list. */
export function hasTimeWaitCount(s: HostSample): boolean {
  return s.sockstat.tcpTw !== null || hasSocketList(s);
}

/** Any socket listed, or a probe that read its socket source without a problem (a host may have no socket at all). */
export function hasSocketList(s: HostSample): boolean {
  if (Object.keys(s.states).length > 0 || s.timeWait.total > 0) return true;
  return s.socketSource !== null && !s.problems.some((p) => p.startsWith("states: "));
}

/** net.ipv4.ip_local_port_range as numbers, with its size; null when the sample lacks it or it does not read as `low high`. */
export function portRangeOf(s: HostSample): { low: number; high: number; size: number } | null {
  const [low, high] = (s.sysctls["net.ipv4.ip_local_port_range"] ?? "").split(" ").map(Number);
  return low && high && high >= low ? { low, high, size: high - low + 1 } : null;
}
