import { kernelAtLeast } from "../kernel";
import { whereSet } from "./boot-config";
import type { Rule } from "./rule";
import { advise, n, perSec } from "./rule";

export const twRecycleEnabled: Rule = {
  id: "tw-recycle-enabled",
  title: "tcp_tw_recycle enabled",
  description:
    "net.ipv4.tcp_tw_recycle = 1 (kernels before 4.12): SYNs whose timestamp goes backwards are dropped, so clients behind one NAT address get connect timeouts. Counted in TcpExt PAWSPassive.",
  evaluate(ctx) {
    if (ctx.sysctl("net.ipv4.tcp_tw_recycle") !== 1) return null;
    const evidence = [`tcp_tw_recycle = 1 on Linux ${ctx.kernel?.release ?? "?"}`];
    const rate = ctx.rates?.pawsPassivePerSec ?? null;
    const total = ctx.sample.counters["TcpExt.PAWSPassive"];
    if (rate !== null && rate > 0) evidence.push(`PAWSPassive rising at ${perSec(rate)}: connection attempts dropped right now`);
    else if (total) evidence.push(`PAWSPassive = ${n(total)} since boot: connection attempts already dropped`);
    return {
      ruleId: this.id,
      severity: "critical",
      title: "tcp_tw_recycle is on: clients behind NAT lose connections",
      evidence,
      remedies: [advise("tcp-tw-recycle", "harmful", "it is on here: turn it off, and remove it from the sysctl files")],
    };
  },
};

export const twRecycleInConfig: Rule = {
  id: "tw-recycle-in-config",
  title: "tcp_tw_recycle left in sysctl files",
  description:
    "A sysctl file sets net.ipv4.tcp_tw_recycle on a kernel that no longer has it (removed in 4.12): the line does nothing but fail at boot, and marks an old tuning guide that may have set other harmful values.",
  evaluate(ctx) {
    const line = ctx.configured.get("net.ipv4.tcp_tw_recycle");
    const gone =
      ctx.sample.missingSysctls.includes("net.ipv4.tcp_tw_recycle") || (ctx.kernel !== null && kernelAtLeast(ctx.kernel, "4.12"));
    if (!line || !gone) return null;
    return {
      ruleId: this.id,
      severity: "warning",
      title: "tcp_tw_recycle in the sysctl files of a kernel without it",
      evidence: [
        `${whereSet(line)} sets net.ipv4.tcp_tw_recycle = ${line.value}; Linux ${ctx.kernel?.release ?? "here"} has no such setting (removed in 4.12), so the line fails at boot`,
      ],
      remedies: [advise("tcp-tw-recycle", "not-applicable", `removed in Linux 4.12: delete the line from ${whereSet(line)}`)],
    };
  },
};
