import { kernelAtLeast } from "../kernel";
import { whereSet } from "./boot-config";
import type { Rule } from "./rule";
import { advise, int, perSecond, ruleText, say } from "./rule";

export const twRecycleEnabled: Rule = {
  id: "tw-recycle-enabled",
  ...ruleText("tw-recycle-enabled"),
  evaluate(ctx) {
    if (ctx.sysctl("net.ipv4.tcp_tw_recycle") !== 1) return null;
    const evidence = [say("finding.twRecycleEnabled.on", { release: ctx.kernel?.release ?? "?" })];
    const rate = ctx.rates?.pawsPassivePerSec ?? null;
    const total = ctx.sample.counters["TcpExt.PAWSPassive"];
    if (rate !== null && rate > 0) evidence.push(say("finding.twRecycleEnabled.pawsRising", { rate: perSecond(rate) }));
    else if (total) evidence.push(say("finding.twRecycleEnabled.pawsSinceBoot", { count: int(total) }));
    return {
      ruleId: this.id,
      severity: "critical",
      title: say("finding.twRecycleEnabled.title"),
      evidence,
      remedies: [advise("tcp-tw-recycle", "harmful", say("why.recycleOnHere"))],
    };
  },
};

export const twRecycleInConfig: Rule = {
  id: "tw-recycle-in-config",
  ...ruleText("tw-recycle-in-config"),
  evaluate(ctx) {
    const line = ctx.configured.get("net.ipv4.tcp_tw_recycle");
    const gone =
      ctx.sample.missingSysctls.includes("net.ipv4.tcp_tw_recycle") || (ctx.kernel !== null && kernelAtLeast(ctx.kernel, "4.12"));
    if (!line || !gone) return null;
    return {
      ruleId: this.id,
      severity: "warning",
      title: say("finding.twRecycleInConfig.title"),
      evidence: [
        say("finding.twRecycleInConfig.line", {
          where: whereSet(line),
          value: line.value,
          kernel: ctx.kernel ? say("phrase.linuxRelease", { release: ctx.kernel.release }) : say("phrase.linuxHere"),
        }),
      ],
      remedies: [advise("tcp-tw-recycle", "not-applicable", say("why.recycleRemovedDeleteLine", { where: whereSet(line) }))],
    };
  },
};
