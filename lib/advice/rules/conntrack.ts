import type { Rule } from "./rule";
import { advise, n, pct } from "./rule";

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
  title: "TIME_WAIT entries fill the conntrack table",
  description: `TCP entries in conntrack's own TIME_WAIT state at ${SHARE * 100}% or more of nf_conntrack_max (critical from ${SHARE * 200}%), read from /proc/net/nf_conntrack (root only). Each lasts nf_conntrack_tcp_timeout_time_wait (120 s by default), twice a socket's TIME_WAIT, and on a node doing NAT (Kubernetes Services, SNAT) they are what runs the table or the source ports out. The conntrack statistics' insert_failed and drop, which any account reads, are quoted as evidence.`,
  evaluate(ctx) {
    const table = ctx.sample.conntrack;
    const max = ctx.sysctl("net.netfilter.nf_conntrack_max");
    if (!table || table.timeWait === null || !max || table.timeWait < SHARE * max) return null;
    const count = ctx.sysctl("net.netfilter.nf_conntrack_count") ?? table.entries ?? table.timeWait;
    const timeout = ctx.sysctl("net.netfilter.nf_conntrack_tcp_timeout_time_wait");
    const evidence = [
      `${n(table.timeWait)} TCP entries in TIME_WAIT = ${pct(table.timeWait, max)} of nf_conntrack_max ${n(max)}${table.entries ? ` and ${pct(table.timeWait, table.entries)} of the ${n(table.entries)} entries in the table` : ""}${table.truncated ? " (the probe stopped reading at its limit: at least this many)" : ""}`,
      `nf_conntrack_count ${n(count)}: headroom ${n(Math.max(0, max - count))} entries (${pct(Math.max(0, max - count), max)} of the table)`,
      `each stays nf_conntrack_tcp_timeout_time_wait = ${timeout ?? "?"} s after its connection closed, whatever the sockets do`,
    ];
    if (table.insertFailed !== null)
      evidence.push(
        `since boot: insert_failed ${n(table.insertFailed)}, drop ${n(table.drop ?? 0)}, early_drop ${n(table.earlyDrop ?? 0)} (insert_failed rises when NAT finds no free source port)`,
      );
    return {
      ruleId: this.id,
      severity: table.timeWait >= 2 * SHARE * max ? "critical" : "warning",
      title: `TIME_WAIT entries hold ${pct(table.timeWait, max)} of the conntrack table`,
      evidence,
      remedies: [
        advise("conntrack-capacity", "recommended", "room for more entries, and TIME_WAIT entries kept 60 s instead of 120 s"),
        advise("connection-pooling", "recommended", "fewer, longer connections leave fewer entries: reuse connections through the NAT"),
        advise("http-keep-alive", "recommended", "keep-alive between the pods and the Services they call"),
      ],
    };
  },
};
