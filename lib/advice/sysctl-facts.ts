import { kernelAtLeast, type KernelVersion } from "./kernel";
import { isPowerOfTwo } from "./tw-buckets-default";

/** A default that is not one value: named by a note the sysctls table words in the reader's language (`host.sysctls.defaults`). */
export type DefaultNote = "half-established-hash" | "vendor-only-60" | "none" | "by-memory";

/** The kernel's default for a TIME_WAIT-related sysctl, as text, or a note where it depends on the machine. */
export function defaultOf(name: string, kernel: KernelVersion | null): string | { note: DefaultNote } {
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
      return { note: "half-established-hash" };
    case "net.ipv4.tcp_tw_timeout":
      return { note: "vendor-only-60" };
    case "net.ipv4.ip_local_reserved_ports":
      return { note: "none" };
    case "net.ipv4.tcp_max_syn_backlog":
      return { note: "by-memory" };
    case "net.netfilter.nf_conntrack_max":
      return { note: "by-memory" };
    default:
      return "—";
  }
}

/** Why a setting's value is risky; the sysctls table words each in the reader's language (`host.sysctls.risks`). */
export type SysctlRisk =
  | "nat-drops"
  | "reuse-without-timestamps"
  | "no-timestamps"
  | "fin-timeout-lowered"
  | "buckets-lowered"
  | "buckets-by-hand"
  | "tw-timeout-short"
  | "narrow-port-range"
  | "same-parity";

/** Why a value is risky for TIME_WAIT handling, or null. Thresholds match the advisor's rules. */
export function riskOf(name: string, value: string, all: Record<string, string>): SysctlRisk | null {
  const v = Number(value.split(" ")[0]);
  switch (name) {
    case "net.ipv4.tcp_tw_recycle":
      return v === 1 ? "nat-drops" : null;
    case "net.ipv4.tcp_tw_reuse":
      return v === 1 && all["net.ipv4.tcp_timestamps"] === "0" ? "reuse-without-timestamps" : null;
    case "net.ipv4.tcp_timestamps":
      return v === 0 ? "no-timestamps" : null;
    case "net.ipv4.tcp_fin_timeout":
      return v < 60 ? "fin-timeout-lowered" : null;
    case "net.ipv4.tcp_max_tw_buckets":
      if (v < 4096) return "buckets-lowered";
      return !isPowerOfTwo(v) && v < 262_144 ? "buckets-by-hand" : null;
    case "net.ipv4.tcp_tw_timeout":
      return v < 60 ? "tw-timeout-short" : null;
    case "net.ipv4.ip_local_port_range": {
      const [lo, hi] = value.split(" ").map(Number);
      if (!lo || !hi) return null;
      if (hi - lo + 1 < 10_000) return "narrow-port-range";
      return lo % 2 === hi % 2 ? "same-parity" : null;
    }
    default:
      return null;
  }
}
