import type { Message } from "../../i18n/message";
import { portRangeProblems } from "../port-range-problems";
import { bootProblems, whereSet } from "./boot-config";
import type { Rule } from "./rule";
import { advise, int, percentOf, ruleText, say } from "./rule";

export const finTimeoutLowered: Rule = {
  id: "fin-timeout-lowered",
  ...ruleText("fin-timeout-lowered"),
  evaluate(ctx) {
    const fin = ctx.sysctl("net.ipv4.tcp_fin_timeout");
    if (fin === null || fin >= 60) return null;
    const length = ctx.twLength.tunable
      ? say("finding.finTimeoutLowered.lastsTunable", { seconds: ctx.twLength.seconds })
      : ctx.twLength.mainline
        ? say("finding.finTimeoutLowered.lastsMainline")
        : say("finding.finTimeoutLowered.lastsAssumed");
    const count = ctx.countKnown
      ? say("finding.finTimeoutLowered.yetCount", { count: int(ctx.timeWait) })
      : say("finding.finTimeoutLowered.noCount");
    return {
      ruleId: this.id,
      severity: ctx.timeWait >= 100 ? "warning" : "info",
      title: say("finding.finTimeoutLowered.title"),
      evidence: [say("finding.finTimeoutLowered.value", { fin, count, length })],
      remedies: [advise("keep-tcp-fin-timeout", "recommended", say("why.restoreFinTimeout"))],
    };
  },
};

export const portRangeNarrow: Rule = {
  id: "port-range-narrow",
  ...ruleText("port-range-narrow"),
  evaluate(ctx) {
    const r = ctx.portRange;
    if (!r) return null;
    const p = portRangeProblems(r.low, r.high, ctx);
    if (!p) return null;
    const evidence = [say("finding.portRangeNarrow.range", { low: r.low, high: r.high, size: int(r.size) }), ...p.lines];
    const [title, why]: [Message, Message] = p.narrow
      ? [say("finding.portRangeNarrow.titleNarrow"), say("why.morePorts")]
      : p.sameParity
        ? [say("finding.portRangeNarrow.titleParity"), say("why.fixParity")]
        : [say("finding.portRangeNarrow.titleOverlap"), say("why.moveOffListeners")];
    return {
      ruleId: this.id,
      severity: p.narrow ? "warning" : "info",
      title,
      evidence,
      remedies: [advise("widen-port-range", "recommended", why)],
    };
  },
};

export const conntrackNearFull: Rule = {
  id: "conntrack-near-full",
  ...ruleText("conntrack-near-full"),
  evaluate(ctx) {
    const count = ctx.sysctl("net.netfilter.nf_conntrack_count");
    const max = ctx.sysctl("net.netfilter.nf_conntrack_max");
    if (count === null || !max || count < 0.8 * max) return null;
    return {
      ruleId: this.id,
      severity: count >= 0.95 * max ? "critical" : "warning",
      title: say("finding.conntrackNearFull.title"),
      evidence: [say("finding.conntrackNearFull.count", { count: int(count), share: percentOf(count, max), max: int(max) })],
      remedies: [advise("conntrack-capacity", "recommended", say("why.conntrackRoomOrShorter"))],
    };
  },
};

export const runtimeDiffersFromConfig: Rule = {
  id: "runtime-differs-from-config",
  ...ruleText("runtime-differs-from-config"),
  evaluate(ctx) {
    const evidence: Message[] = [];
    const judged = new Set(bootProblems(ctx).map((p) => p.entry.key));
    for (const [key, line] of ctx.configured) {
      if (judged.has(key)) continue;
      const runtime = ctx.sample.sysctls[key];
      if (runtime !== undefined && runtime !== line.value.replace(/\s+/g, " ")) {
        evidence.push(say("finding.runtimeDiffersFromConfig.line", { key, runtime, where: whereSet(line), value: line.value }));
      }
    }
    if (evidence.length === 0) return null;
    return { ruleId: this.id, severity: "info", title: say("finding.runtimeDiffersFromConfig.title"), evidence, remedies: [] };
  },
};
