import type { Message, StoredText } from "../i18n/message";
import { hasSocketList } from "../sample/facts";
import type { RuleContext } from "./context";
import { listOf, int, say } from "./rules/rule";

/** One part of the diagnosis, and whether the input let twscope check it. */
export interface CoverageItem {
  /** The check's name (`advice.coverage.check.*`); English text in analyses stored before. */
  check: StoredText;
  state: "checked" | "unchecked";
  /** What it was checked from, or why it could not be. */
  detail: StoredText;
}

const KEY_SYSCTLS = [
  "net.ipv4.tcp_tw_reuse",
  "net.ipv4.tcp_timestamps",
  "net.ipv4.tcp_max_tw_buckets",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_fin_timeout",
];
const CONNTRACK = ["net.netfilter.nf_conntrack_count", "net.netfilter.nf_conntrack_max"];

/** The sysctl files the probe could not read. */
function unreadable(problems: string[]): string[] {
  return problems.filter((p) => p.startsWith("sysctl-conf: denied ")).map((p) => p.slice("sysctl-conf: denied ".length));
}

const detail = (key: string, values?: Parameters<typeof say>[1]) => say(`coverage.detail.${key}`, values);

/** What the advisor could check on this sample and what it could not, in the order an SRE reads a host. */
export function coverageOf(ctx: RuleContext): CoverageItem[] {
  const s = ctx.sample;
  const list = hasSocketList(s);
  const tw = s.timeWait;
  const item = (state: CoverageItem["state"]) => (check: string, d: Message) => ({
    check: say(`coverage.check.${check}`),
    state,
    detail: d,
  });
  const checked = item("checked");
  const unchecked = item("unchecked");
  const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
  const overflow = s.counters["TcpExt.TCPTimeWaitOverflow"];
  const hasSysctls = Object.keys(s.sysctls).length > 0;
  const conntrackGone = CONNTRACK.every((k) => s.missingSysctls.includes(k));
  const denied = unreadable(s.problems);
  const twLength = ctx.twLength.tunable ? "tunable" : ctx.twLength.mainline ? "mainline" : "assumed";
  return [
    s.sockstat.tcpTw !== null
      ? checked("timeWaitCount", detail("fromSockstat", { count: int(s.sockstat.tcpTw) }))
      : list
        ? checked("timeWaitCount", detail("fromSocketList", { count: int(tw.total) }))
        : unchecked("timeWaitCount", detail("noCount")),
    !list
      ? unchecked("serverClientSplit", detail("noSplit"))
      : checked(
          "serverClientSplit",
          detail(s.listeningPorts.length === 0 ? "splitNoListener" : "split", {
            server: int(tw.server),
            ports: int(tw.serverPorts),
            client: int(tw.client),
            peers: int(tw.clientPeers),
          }),
        ),
    !list
      ? unchecked("portRangePerDestination", detail("noPerDestination"))
      : !ctx.portRange
        ? unchecked("portRangePerDestination", detail("portRangeUnknown"))
        : checked(
            "portRangePerDestination",
            detail("eachDestination", { size: int(ctx.portRange.size), low: ctx.portRange.low, high: ctx.portRange.high }),
          ),
    max !== null && ctx.countKnown
      ? checked("twBucketsHeadroom", detail(overflow !== undefined ? "headroomWithOverflow" : "headroom", { max: int(max) }))
      : overflow !== undefined
        ? checked("twBucketsHeadroom", detail(max === null ? "overflowOnlyMaxUnknown" : "overflowOnlyNoCount"))
        : unchecked("twBucketsHeadroom", detail(max === null ? "headroomUnknown" : "headroomNoCount")),
    Object.keys(s.counters).length === 0
      ? unchecked("kernelCounters", detail("noCounters"))
      : checked("kernelCounters", detail(ctx.rates ? "rates" : "totalsOnly")),
    hasSysctls
      ? checked(
          "sysctlValues",
          detail("sysctlValues", {
            present: KEY_SYSCTLS.filter((k) => k in s.sysctls).length,
            keys: KEY_SYSCTLS.length,
            seconds: ctx.twLength.seconds,
            how: say(`coverage.detail.twLength.${twLength}`),
          }),
        )
      : unchecked("sysctlValues", detail("noSysctls")),
    s.configuredSysctls !== undefined
      ? checked(
          "sysctlFiles",
          denied.length
            ? detail("sysctlFilesDenied", { lines: s.configuredSysctls.length, denied: denied.length, files: listOf(denied) })
            : detail("sysctlFiles", { lines: s.configuredSysctls.length }),
        )
      : unchecked("sysctlFiles", detail("noSysctlFiles")),
    ctx.kernel
      ? checked("kernelRelease", detail("kernel", { release: ctx.kernel.release }))
      : unchecked("kernelRelease", detail("noKernel")),
    conntrackGone
      ? checked("conntrackTable", detail("conntrackNotLoaded"))
      : ctx.sysctl(CONNTRACK[0]!) !== null && ctx.sysctl(CONNTRACK[1]!) !== null
        ? checked("conntrackTable", detail("conntrack"))
        : unchecked("conntrackTable", detail("conntrackUnknown")),
  ];
}
