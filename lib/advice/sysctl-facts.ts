import { kernelAtLeast, type KernelVersion } from "./kernel";
import { isPowerOfTwo } from "./tw-buckets-default";

/** The kernel's default for a TIME_WAIT-related sysctl, as text, or a note where it depends on the machine. */
export function defaultOf(name: string, kernel: KernelVersion | null): string {
  switch (name) {
    case "net.ipv4.tcp_tw_reuse":
      return kernel && !kernelAtLeast(kernel, "4.18") ? "0" : "2";
    case "net.ipv4.tcp_tw_recycle":
      return "0";
    case "net.ipv4.tcp_tw_reuse_delay":
      return "1000";
    case "net.ipv4.tcp_timestamps":
      return "1";
    case "net.ipv4.ip_local_port_range":
      return "32768 60999";
    case "net.ipv4.tcp_fin_timeout":
      return "60";
    case "net.core.somaxconn":
      return kernel && !kernelAtLeast(kernel, "5.4") ? "128" : "4096";
    case "net.ipv4.tcp_syncookies":
      return "1";
    case "net.netfilter.nf_conntrack_tcp_timeout_time_wait":
      return "120";
    case "net.ipv4.tcp_max_tw_buckets":
      return "half the established hash (by memory)";
    case "net.ipv4.tcp_tw_timeout":
      return "60 (vendor kernels only)";
    case "net.ipv4.ip_local_reserved_ports":
      return "(none)";
    case "net.ipv4.tcp_max_syn_backlog":
      return "by memory";
    case "net.netfilter.nf_conntrack_max":
      return "by memory";
    default:
      return "—";
  }
}

/** Why a value is risky for TIME_WAIT handling, or null. Thresholds match the advisor's rules. */
export function riskOf(name: string, value: string, all: Record<string, string>): string | null {
  const v = Number(value.split(" ")[0]);
  switch (name) {
    case "net.ipv4.tcp_tw_recycle":
      return v === 1 ? "drops connections from clients behind NAT" : null;
    case "net.ipv4.tcp_tw_reuse":
      return v === 1 && all["net.ipv4.tcp_timestamps"] === "0" ? "does nothing without timestamps" : null;
    case "net.ipv4.tcp_timestamps":
      return v === 0 ? "disables PAWS and makes tcp_tw_reuse useless" : null;
    case "net.ipv4.tcp_fin_timeout":
      return v < 60 ? "does not shorten TIME_WAIT; lowered for nothing" : null;
    case "net.ipv4.tcp_max_tw_buckets":
      if (v < 4096) return "lowered: TIME_WAIT sockets are destroyed early";
      return !isPowerOfTwo(v) && v < 262_144 ? "set by hand (defaults are powers of two): may be below this host's default" : null;
    case "net.ipv4.tcp_tw_timeout":
      return v < 60 ? "TIME_WAIT shortened below 60 s: less protection against old segments" : null;
    case "net.ipv4.ip_local_port_range": {
      const [lo, hi] = value.split(" ").map(Number);
      if (!lo || !hi) return null;
      if (hi - lo + 1 < 10_000) return "narrow: few ports per destination";
      return lo % 2 === hi % 2 ? "ends of the same parity" : null;
    }
    default:
      return null;
  }
}
