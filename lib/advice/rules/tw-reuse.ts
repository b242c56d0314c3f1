import type { Rule } from "./rule";
import { advise, n, pct } from "./rule";

export const reuseWithoutTimestamps: Rule = {
  id: "tw-reuse-without-timestamps",
  title: "tcp_tw_reuse without timestamps",
  description: "net.ipv4.tcp_tw_reuse is on but net.ipv4.tcp_timestamps is 0: reuse decides by timestamps, so it never happens.",
  evaluate(ctx) {
    const reuse = ctx.sysctl("net.ipv4.tcp_tw_reuse");
    if (reuse !== 1 || ctx.sysctl("net.ipv4.tcp_timestamps") !== 0) return null;
    return {
      ruleId: this.id,
      severity: "warning",
      title: "tcp_tw_reuse is on but does nothing: timestamps are off",
      evidence: [
        `tcp_tw_reuse = 1, tcp_timestamps = 0; TWRecycled (reuses of a TIME_WAIT port) = ${n(ctx.sample.counters["TcpExt.TWRecycled"] ?? 0)} since boot`,
      ],
      remedies: [
        advise("tcp-timestamps-on", "recommended", "reuse needs timestamps on both ends"),
        advise("tcp-tw-reuse", "applied", "set, but ineffective until timestamps are on"),
      ],
    };
  },
};

export const reuseOnServerSide: Rule = {
  id: "tw-reuse-server-side",
  title: "tcp_tw_reuse on a host whose TIME_WAIT is server side",
  description:
    "net.ipv4.tcp_tw_reuse only lets outgoing connections take over TIME_WAIT ports; on a host whose TIME_WAIT sits on its listening ports it changes nothing.",
  evaluate(ctx) {
    const tw = ctx.sample.timeWait;
    if (ctx.sysctl("net.ipv4.tcp_tw_reuse") !== 1 || tw.server < 100 || tw.client > 0.05 * tw.total) return null;
    return {
      ruleId: this.id,
      severity: "info",
      title: "tcp_tw_reuse has no effect on this host's TIME_WAIT",
      evidence: [
        `tcp_tw_reuse = 1, yet ${n(tw.server)} of ${n(tw.total)} TIME_WAIT (${pct(tw.server, tw.total)}) are on listening ports, where reuse never applies`,
      ],
      remedies: [
        advise("tcp-tw-reuse", "not-applicable", "affects only connections this host opens"),
        advise("http-keep-alive", "recommended", "fewer connections closed by the server"),
      ],
    };
  },
};
