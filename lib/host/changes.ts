import type { HostEventDto } from "../dto";

/** A change between two samples or two polls, as `host_events` stores it. */
export interface HostChange {
  kind: HostEventDto["kind"];
  /** "status", "kernel", or the sysctl's full name. */
  subject: string;
  before: string | null;
  after: string | null;
  /** For a status change: the poll's error message. */
  detail?: string | null;
}

/** The sysctls that decide how TIME_WAIT behaves: a change to one is worth a marker on the chart. */
const WATCHED_SYSCTLS = new Set([
  "net.ipv4.tcp_timestamps",
  "net.ipv4.tcp_max_tw_buckets",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_fin_timeout",
  "net.netfilter.nf_conntrack_tcp_timeout_time_wait",
]);

// Every tcp_tw_* knob counts, vendor ones (tcp_tw_timeout) included.
const watched = (name: string) => name.startsWith("net.ipv4.tcp_tw_") || WATCHED_SYSCTLS.has(name);

const normal = (v: string | null | undefined) => (v == null ? null : v.trim().replace(/\s+/g, " "));

interface Comparable {
  kernel: string | null;
  sysctls: Record<string, string>;
}

/**
 * What changed from one sample to the next: the kernel release and the watched sysctls. A value
 * one of the samples could not read is no change: nothing is known about it.
 */
export function sampleChanges(previous: Comparable, next: Comparable): HostChange[] {
  const changes: HostChange[] = [];
  const [k0, k1] = [normal(previous.kernel), normal(next.kernel)];
  if (k0 && k1 && k0 !== k1) changes.push({ kind: "kernel", subject: "kernel", before: k0, after: k1 });
  for (const name of Object.keys(next.sysctls).filter(watched).sort()) {
    const [v0, v1] = [normal(previous.sysctls[name]), normal(next.sysctls[name])];
    if (v0 !== null && v1 !== null && v0 !== v1) changes.push({ kind: "sysctl", subject: name, before: v0, after: v1 });
  }
  return changes;
}
