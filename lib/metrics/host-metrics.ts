import { establishedNow, hasSocketList, portRangeOf, timeWaitNow } from "../sample/facts";
import { HOST_STATUSES, TCP_STATES, type HostSample, type HostStatus } from "../types";
import type { MetricFamily, MetricType } from "./exposition";

/** One host as `/metrics` reads it: its name, status and latest stored sample (null before the first). */
export interface HostMetricsInput {
  name: string;
  status: HostStatus;
  latest: { at: number; durationMs: number; sample: HostSample } | null;
}

/** The kernel counters exported, by `Group.Name` in a sample's `counters`; one absent from a sample is left out. */
const COUNTERS = [
  ["TcpExt.TW", "twscope_tcpext_tw_total", "TIME_WAIT sockets that ended normally, since boot (TcpExt TW)"],
  ["TcpExt.TWRecycled", "twscope_tcpext_tw_recycled_total", "TIME_WAIT ports reused by a new connection, since boot (TcpExt TWRecycled)"],
  ["TcpExt.TWKilled", "twscope_tcpext_tw_killed_total", "TIME_WAIT sockets ended early, since boot (TcpExt TWKilled)"],
  [
    "TcpExt.TCPTimeWaitOverflow",
    "twscope_tcpext_tcp_time_wait_overflow_total",
    "connections closed without TIME_WAIT because tcp_max_tw_buckets was full, since boot (TcpExt TCPTimeWaitOverflow)",
  ],
] as const;

/** The TIME_WAIT-related sysctls with one numeric value, exported as `twscope_sysctl{name}` (ip_local_port_range has its own gauges). */
const EXPORTED_SYSCTLS = [
  "net.ipv4.tcp_tw_reuse",
  "net.ipv4.tcp_tw_recycle",
  "net.ipv4.tcp_tw_reuse_delay",
  "net.ipv4.tcp_tw_timeout",
  "net.ipv4.tcp_timestamps",
  "net.ipv4.tcp_max_tw_buckets",
  "net.ipv4.tcp_fin_timeout",
  "net.netfilter.nf_conntrack_tcp_timeout_time_wait",
  "net.netfilter.nf_conntrack_count",
  "net.netfilter.nf_conntrack_max",
] as const;

/** The `limit` largest groups, largest first (ties by key, so a scrape's series do not flicker). */
function topGroups<G extends { count: number }>(groups: readonly G[], key: (g: G) => string, limit: number): G[] {
  return [...groups].sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : 1)).slice(0, limit);
}

function numeric(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
  return Number(value);
}

/**
 * Every per-host family, in a fixed order, from the hosts' latest samples. `topN` bounds the
 * per-destination and per-listening-port series to that many per host.
 */
export function hostFamilies(hosts: readonly HostMetricsInput[], { topN, now }: { topN: number; now: number }): MetricFamily[] {
  const families = new Map<string, MetricFamily>();
  const family = (name: string, type: MetricType, help: string) => {
    const f: MetricFamily = { name, type, help, samples: [] };
    families.set(name, f);
    return (host: string, value: number, labels: Record<string, string> = {}) => f.samples.push({ labels: { host, ...labels }, value });
  };
  const up = family("twscope_host_up", "gauge", "1 when the host's last poll succeeded (status ok), else 0");
  const status = family("twscope_host_status", "gauge", "1 for the host's current poll status, 0 for the others");
  const duration = family("twscope_poll_duration_seconds", "gauge", "how long the poll that gave the latest sample took");
  const stamp = family("twscope_sample_timestamp_seconds", "gauge", "when the latest sample was taken, Unix seconds");
  const age = family("twscope_sample_age_seconds", "gauge", "seconds since the latest sample was taken, at scrape time");
  const tw = family(
    "twscope_time_wait",
    "gauge",
    "TCP sockets in TIME_WAIT: /proc/net/sockstat tw (as node_sockstat_TCP_tw), else the socket list's count",
  );
  const bySide = family(
    "twscope_time_wait_by_side",
    "gauge",
    "TIME_WAIT sockets on a listening local port (server) or toward a destination (client)",
  );
  const sockets = family("twscope_sockets", "gauge", "TCP sockets by state, from the socket list");
  const estab = family("twscope_established", "gauge", "established TCP connections");
  const rangeLow = family("twscope_port_range_low", "gauge", "net.ipv4.ip_local_port_range, its first port");
  const rangeHigh = family("twscope_port_range_high", "gauge", "net.ipv4.ip_local_port_range, its last port");
  const rangeSize = family("twscope_port_range_size", "gauge", "ports in net.ipv4.ip_local_port_range (high - low + 1)");
  const destTw = family(
    "twscope_destination_time_wait",
    "gauge",
    "TIME_WAIT sockets toward one destination (ip:port), each holding a local port; the busiest destinations only",
  );
  const headroom = family(
    "twscope_destination_port_headroom_ratio",
    "gauge",
    "1 - TIME_WAIT toward the destination / ports in ip_local_port_range: the share of local ports left to it; the busiest destinations only",
  );
  const listenTw = family(
    "twscope_listen_port_time_wait",
    "gauge",
    "TIME_WAIT sockets on one local listening port (the server side); the busiest ports only",
  );
  const twLength = family(
    "twscope_time_wait_length_seconds",
    "gauge",
    "how long TIME_WAIT lasts on the host: net.ipv4.tcp_tw_timeout where a vendor kernel has it, else the mainline 60 s",
  );
  const counters = COUNTERS.map(([key, name, help]) => [key, family(name, "counter", help)] as const);
  const sysctl = family("twscope_sysctl", "gauge", "a TIME_WAIT-related sysctl's value, by its name");

  for (const h of hosts) {
    up(h.name, h.status === "ok" ? 1 : 0);
    for (const s of HOST_STATUSES) status(h.name, s === h.status ? 1 : 0, { status: s });
    if (!h.latest) continue;
    const { at, durationMs, sample } = h.latest;
    duration(h.name, durationMs / 1000);
    stamp(h.name, at / 1000);
    age(h.name, Math.max(0, now - at) / 1000);
    const count = timeWaitNow(sample);
    if (count !== null) tw(h.name, count);
    if (hasSocketList(sample)) {
      bySide(h.name, sample.timeWait.server, { side: "server" });
      bySide(h.name, sample.timeWait.client, { side: "client" });
      for (const state of TCP_STATES) sockets(h.name, sample.states[state] ?? 0, { state });
    }
    const established = establishedNow(sample);
    if (established !== null) estab(h.name, established);
    const range = portRangeOf(sample);
    if (range) {
      rangeLow(h.name, range.low);
      rangeHigh(h.name, range.high);
      rangeSize(h.name, range.size);
    }
    const tunedLength = numeric(sample.sysctls["net.ipv4.tcp_tw_timeout"]);
    twLength(h.name, tunedLength !== null && tunedLength > 0 ? tunedLength : 60);
    for (const g of topGroups(sample.timeWait.byPeer, (g) => g.peer, topN)) {
      destTw(h.name, g.count, { destination: g.peer });
      if (range) headroom(h.name, 1 - g.count / range.size, { destination: g.peer });
    }
    for (const g of topGroups(sample.timeWait.byListeningPort, (g) => String(g.port), topN)) {
      listenTw(h.name, g.count, { port: String(g.port) });
    }
    for (const [key, add] of counters) {
      const v = sample.counters[key];
      if (v !== undefined) add(h.name, v);
    }
    for (const name of EXPORTED_SYSCTLS) {
      const v = numeric(sample.sysctls[name]);
      if (v !== null) sysctl(h.name, v, { name });
    }
  }
  return [...families.values()];
}
