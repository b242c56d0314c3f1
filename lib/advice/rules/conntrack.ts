import type { Rule } from "./rule";
import { advise, int, percentOf, ruleText, say } from "./rule";

/** TIME_WAIT entries holding this share of nf_conntrack_max make a finding; twice that, a critical one. */
const SHARE = 0.25;

/**
 * The Kubernetes-node case: every short connection through NAT (a pod to a Service, SNAT to the
 * outside) leaves a conntrack entry in TIME_WAIT for nf_conntrack_tcp_timeout_time_wait, apart from
 * any socket; when they fill the table, new flows are dropped, and NAT runs out of source ports
 * (insert_failed rises).
 */
export const conntrackTimeWait: Rule = {
  id: "conntrack-time-wait",
  ...ruleText("conntrack-time-wait", { share: SHARE * 100, critical: SHARE * 200 }),
  evaluate(ctx) {
    const table = ctx.sample.conntrack;
    const max = ctx.sysctl("net.netfilter.nf_conntrack_max");
    if (!table || table.timeWait === null || !max || table.timeWait < SHARE * max) return null;
    const count = ctx.sysctl("net.netfilter.nf_conntrack_count") ?? table.entries ?? table.timeWait;
    const timeout = ctx.sysctl("net.netfilter.nf_conntrack_tcp_timeout_time_wait");
    const headroom = Math.max(0, max - count);
    const share = { count: int(table.timeWait), share: percentOf(table.timeWait, max), max: int(max) };
    const counted = table.entries
      ? say("finding.conntrackTimeWait.entriesOfTable", {
          ...share,
          tableShare: percentOf(table.timeWait, table.entries),
          entries: int(table.entries),
        })
      : say("finding.conntrackTimeWait.entries", share);
    const evidence = [
      table.truncated ? say("finding.conntrackTimeWait.truncated", { counted }) : counted,
      say("finding.conntrackTimeWait.headroom", { count: int(count), headroom: int(headroom), share: percentOf(headroom, max) }),
      say("finding.conntrackTimeWait.timeout", { timeout: timeout ?? "?" }),
    ];
    if (table.insertFailed !== null)
      evidence.push(
        say("finding.conntrackTimeWait.stats", {
          insertFailed: int(table.insertFailed),
          drop: int(table.drop ?? 0),
          earlyDrop: int(table.earlyDrop ?? 0),
        }),
      );
    return {
      ruleId: this.id,
      severity: table.timeWait >= 2 * SHARE * max ? "critical" : "warning",
      title: say("finding.conntrackTimeWait.title", { share: percentOf(table.timeWait, max) }),
      evidence,
      remedies: [
        advise("conntrack-capacity", "recommended", say("why.conntrackRoomAndShorter")),
        advise("connection-pooling", "recommended", say("why.poolingThroughNat")),
        advise("http-keep-alive", "recommended", say("why.keepAlivePods")),
      ],
    };
  },
};
