import type { Rule } from "./rule";
import { advise, int, percentOf, ruleText, say } from "./rule";

export const reuseWithoutTimestamps: Rule = {
  id: "tw-reuse-without-timestamps",
  ...ruleText("tw-reuse-without-timestamps"),
  evaluate(ctx) {
    const reuse = ctx.sysctl("net.ipv4.tcp_tw_reuse");
    if (reuse !== 1 || ctx.sysctl("net.ipv4.tcp_timestamps") !== 0) return null;
    return {
      ruleId: this.id,
      severity: "warning",
      title: say("finding.reuseWithoutTimestamps.title"),
      evidence: [say("finding.reuseWithoutTimestamps.counts", { recycled: int(ctx.sample.counters["TcpExt.TWRecycled"] ?? 0) })],
      remedies: [
        advise("tcp-timestamps-on", "recommended", say("why.timestampsBothEnds")),
        advise("tcp-tw-reuse", "applied", say("why.reuseSetIneffective")),
      ],
    };
  },
};

export const reuseOnServerSide: Rule = {
  id: "tw-reuse-server-side",
  ...ruleText("tw-reuse-server-side"),
  evaluate(ctx) {
    const tw = ctx.sample.timeWait;
    if (ctx.sysctl("net.ipv4.tcp_tw_reuse") !== 1 || tw.server < 100 || tw.client > 0.05 * tw.total) return null;
    return {
      ruleId: this.id,
      severity: "info",
      title: say("finding.reuseOnServerSide.title"),
      evidence: [
        say("finding.reuseOnServerSide.counts", { server: int(tw.server), total: int(tw.total), share: percentOf(tw.server, tw.total) }),
      ],
      remedies: [
        advise("tcp-tw-reuse", "not-applicable", say("why.reuseOnlyOutgoingHere")),
        advise("http-keep-alive", "recommended", say("why.fewerServerCloses")),
      ],
    };
  },
};
