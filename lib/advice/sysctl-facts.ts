import type { Message, StoredText } from "../i18n/message";
import { kernelAtLeast, type KernelVersion } from "./kernel";
import { say } from "./rules/rule";
import { isPowerOfTwo } from "./tw-buckets-default";

const note = (key: string): Message => say(`sysctl.default.${key}`);
const risk = (key: string): Message => say(`sysctl.risk.${key}`);

/** The kernel's default for a TIME_WAIT-related sysctl: a value as the kernel writes it, or a note (a message) where it depends on the machine. */
export function defaultOf(name: string, kernel: KernelVersion | null): StoredText {
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
      return note("halfEhash");
    case "net.ipv4.tcp_tw_timeout":
      return note("vendorOnly");
    case "net.ipv4.ip_local_reserved_ports":
      return note("none");
    case "net.ipv4.tcp_max_syn_backlog":
    case "net.netfilter.nf_conntrack_max":
      return note("byMemory");
    default:
      return "—";
  }
}

/** Why a value is risky for TIME_WAIT handling, or null. Thresholds match the advisor's rules. */
export function riskOf(name: string, value: string, all: Record<string, string>): Message | null {
  const v = Number(value.split(" ")[0]);
  switch (name) {
    case "net.ipv4.tcp_tw_recycle":
      return v === 1 ? risk("recycle") : null;
    case "net.ipv4.tcp_tw_reuse":
      return v === 1 && all["net.ipv4.tcp_timestamps"] === "0" ? risk("reuseWithoutTimestamps") : null;
    case "net.ipv4.tcp_timestamps":
      return v === 0 ? risk("timestampsOff") : null;
    case "net.ipv4.tcp_fin_timeout":
      return v < 60 ? risk("finTimeout") : null;
    case "net.ipv4.tcp_max_tw_buckets":
      if (v < 4096) return risk("twBucketsLowered");
      return !isPowerOfTwo(v) && v < 262_144 ? risk("twBucketsByHand") : null;
    case "net.ipv4.tcp_tw_timeout":
      return v < 60 ? risk("twTimeoutShort") : null;
    case "net.ipv4.ip_local_port_range": {
      const [lo, hi] = value.split(" ").map(Number);
      if (!lo || !hi) return null;
      if (hi - lo + 1 < 10_000) return risk("portRangeNarrow");
      return lo % 2 === hi % 2 ? risk("portRangeParity") : null;
    }
    default:
      return null;
  }
}
