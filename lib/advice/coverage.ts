import { hasSocketList } from "../sample/facts";
import type { RuleContext } from "./context";
import { n } from "./rules/rule";

/** One part of the diagnosis, and whether the input let twscope check it. */
export interface CoverageItem {
  check: string;
  state: "checked" | "unchecked";
  /** What it was checked from, or why it could not be. */
  detail: string;
}

const KEY_SYSCTLS = [
  "net.ipv4.tcp_tw_reuse",
  "net.ipv4.tcp_timestamps",
  "net.ipv4.tcp_max_tw_buckets",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_fin_timeout",
];
const CONNTRACK = ["net.netfilter.nf_conntrack_count", "net.netfilter.nf_conntrack_max"];

/** "; 2 file(s) not readable: …" for the sysctl files the probe could not read, else "". */
function unreadable(problems: string[]): string {
  const files = problems.filter((p) => p.startsWith("sysctl-conf: denied ")).map((p) => p.slice("sysctl-conf: denied ".length));
  return files.length ? `; ${files.length} file(s) not readable, so not judged: ${files.join(", ")}` : "";
}

/** What the advisor could check on this sample and what it could not, in the order an SRE reads a host. */
export function coverageOf(ctx: RuleContext): CoverageItem[] {
  const s = ctx.sample;
  const list = hasSocketList(s);
  const tw = s.timeWait;
  const checked = (check: string, detail: string): CoverageItem => ({ check, state: "checked", detail });
  const unchecked = (check: string, detail: string): CoverageItem => ({ check, state: "unchecked", detail });
  const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
  const overflow = s.counters["TcpExt.TCPTimeWaitOverflow"];
  const hasSysctls = Object.keys(s.sysctls).length > 0;
  const conntrackGone = CONNTRACK.every((k) => s.missingSysctls.includes(k));
  return [
    s.sockstat.tcpTw !== null
      ? checked("TIME_WAIT count", `${n(s.sockstat.tcpTw)} from /proc/net/sockstat`)
      : list
        ? checked("TIME_WAIT count", `${n(tw.total)} from the socket list (no /proc/net/sockstat)`)
        : unchecked("TIME_WAIT count", "no /proc/net/sockstat and no socket list (ss -tan) in the input"),
    !list
      ? unchecked("server/client split", "no socket list (ss -tan): TIME_WAIT cannot be split by listening port and destination")
      : checked(
          "server/client split",
          `${n(tw.server)} server side on ${n(tw.serverPorts)} port(s), ${n(tw.client)} client side toward ${n(tw.clientPeers)} destination(s)${s.listeningPorts.length === 0 ? "; no listening socket in the list" : ""}`,
        ),
    !list
      ? unchecked("port range per destination", "no socket list: TIME_WAIT per destination unknown")
      : !ctx.portRange
        ? unchecked("port range per destination", "net.ipv4.ip_local_port_range unknown")
        : checked(
            "port range per destination",
            `each destination against ${n(ctx.portRange.size)} local ports (${ctx.portRange.low}–${ctx.portRange.high})`,
          ),
    max !== null && ctx.countKnown
      ? checked(
          "tcp_max_tw_buckets headroom",
          `TIME_WAIT against tcp_max_tw_buckets ${n(max)}${overflow !== undefined ? " and TCPTimeWaitOverflow" : ""}`,
        )
      : overflow !== undefined
        ? checked(
            "tcp_max_tw_buckets headroom",
            `TCPTimeWaitOverflow only (${max === null ? "tcp_max_tw_buckets unknown" : "no TIME_WAIT count"})`,
          )
        : unchecked(
            "tcp_max_tw_buckets headroom",
            max === null ? "tcp_max_tw_buckets and TCPTimeWaitOverflow unknown" : "no TIME_WAIT count and no TCPTimeWaitOverflow",
          ),
    Object.keys(s.counters).length === 0
      ? unchecked("kernel counters", "no /proc/net/netstat or /proc/net/snmp in the input")
      : checked("kernel counters", ctx.rates ? "rates since the sample before" : "totals since boot only: one sample, no rates"),
    hasSysctls
      ? checked(
          "sysctl values",
          `${KEY_SYSCTLS.filter((k) => k in s.sysctls).length} of the ${KEY_SYSCTLS.length} key TIME_WAIT settings; TIME_WAIT lasts ${ctx.twLength.seconds} s${ctx.twLength.tunable ? " (tcp_tw_timeout)" : ctx.twLength.mainline ? " (no tcp_tw_timeout: mainline)" : " (assumed: tcp_tw_timeout not in the input)"}`,
        )
      : unchecked("sysctl values", "no sysctl values (sysctl -a) in the input"),
    s.configuredSysctls !== undefined
      ? checked(
          "sysctl files",
          `${s.configuredSysctls.length} TIME_WAIT-related line(s) in the files a reboot applies${unreadable(s.problems)}`,
        )
      : unchecked("sysctl files", "no sysctl files (/etc/sysctl.conf, /etc/sysctl.d) in the input: what a reboot applies is unknown"),
    ctx.kernel
      ? checked("kernel release", `Linux ${ctx.kernel.release}`)
      : unchecked("kernel release", "no kernel release (uname -r): version-dependent defaults assumed current"),
    conntrackGone
      ? checked("conntrack table", "nf_conntrack not loaded: no table to fill")
      : ctx.sysctl(CONNTRACK[0]!) !== null && ctx.sysctl(CONNTRACK[1]!) !== null
        ? checked("conntrack table", "nf_conntrack_count against nf_conntrack_max")
        : unchecked("conntrack table", "nf_conntrack_count or nf_conntrack_max unknown"),
  ];
}
