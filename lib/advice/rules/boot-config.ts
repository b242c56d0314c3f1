import type { Message, MessageValue } from "../../i18n/message";
import type { ConfiguredSysctl } from "../../types";
import type { RuleContext } from "../context";
import { kernelAtLeast } from "../kernel";
import { portRangeProblems } from "../port-range-problems";
import type { Severity } from "../types";
import type { Rule } from "./rule";
import { advise, listOf, int, ruleText, say } from "./rule";
import { judgeTwBuckets } from "./tw-buckets";

/** "/etc/sysctl.d/60-tw.conf line 3", or the file alone when the input gave no line number. */
export const whereSet = (e: ConfiguredSysctl): MessageValue => (e.line ? say("phrase.fileLine", { file: e.file, line: e.line }) : e.file);

export interface BootProblem {
  entry: ConfiguredSysctl;
  severity: Severity;
  why: Message;
  remedy: string;
}

/** The harmful values among those a reboot applies (the last line of each key in systemd-sysctl order). */
export function bootProblems(ctx: RuleContext): BootProblem[] {
  const out: BootProblem[] = [];
  const add = (entry: ConfiguredSysctl, severity: Severity, why: Message, remedy: string) => out.push({ entry, severity, why, remedy });
  for (const [key, e] of ctx.configured) {
    const words = e.value.trim().split(/\s+/).map(Number);
    const v = words[0]!;
    if (!Number.isFinite(v)) continue;
    if (key === "net.ipv4.tcp_max_tw_buckets") {
      const judged = judgeTwBuckets(v, ctx);
      if (judged)
        add(
          e,
          judged.lowered ? "warning" : "info",
          say(judged.lowered ? "boot.twBucketsLowers" : "boot.twBucketsSets", { value: int(v), why: judged.why }),
          "tcp-max-tw-buckets",
        );
    } else if (key === "net.ipv4.tcp_fin_timeout" && v < 60) {
      add(e, "info", say("boot.finTimeout", { value: v }), "keep-tcp-fin-timeout");
    } else if (key === "net.ipv4.ip_local_port_range" && words.length === 2 && words[1]! >= v) {
      const p = portRangeProblems(v, words[1]!, ctx);
      if (p)
        add(
          e,
          p.narrow ? "warning" : "info",
          say("boot.portRange", { low: v, high: words[1]!, problems: listOf(p.lines, "phrase.clauses") }),
          "widen-port-range",
        );
    } else if (key === "net.ipv4.tcp_tw_recycle" && v !== 0 && !(ctx.kernel && kernelAtLeast(ctx.kernel, "4.12"))) {
      // Kernels from 4.12 have no tcp_tw_recycle: tw-recycle-in-config reports the dead line there.
      add(
        e,
        "warning",
        ctx.kernel ? say("boot.recycleOn", { release: ctx.kernel.release }) : say("boot.recycleOnKernelUnknown"),
        "tcp-tw-recycle",
      );
    }
  }
  return out;
}

function runningValue(ctx: RuleContext, entry: ConfiguredSysctl): Message {
  const now = ctx.sample.sysctls[entry.key];
  if (now === undefined) return say("boot.runningUnknown");
  return now === entry.value.replace(/\s+/g, " ") ? say("boot.runningSame") : say("boot.runningValue", { value: now });
}

export const configAppliesAtBoot: Rule = {
  id: "config-applies-at-boot",
  ...ruleText("config-applies-at-boot"),
  evaluate(ctx) {
    const problems = bootProblems(ctx);
    const first = problems[0];
    if (!first) return null;
    const evidence = problems.map(({ entry, why }) =>
      say("boot.line", { where: whereSet(entry), key: entry.key, value: entry.value, why, running: runningValue(ctx, entry) }),
    );
    const remedies = [...new Set(problems.map((p) => p.remedy))].map((id) =>
      advise(
        id,
        "recommended",
        say("why.changeOrDeleteLine", { where: listOf(problems.filter((p) => p.remedy === id).map((p) => whereSet(p.entry))) }),
      ),
    );
    return {
      ruleId: this.id,
      severity: problems.some((p) => p.severity === "warning") ? "warning" : "info",
      title:
        problems.length === 1
          ? say("boot.titleOne", {
              where: whereSet(first.entry),
              key: first.entry.key.replace(/^net\.(ipv4|core)\./, ""),
              value: first.entry.value,
            })
          : say("boot.titleMany", { count: problems.length }),
      evidence,
      remedies,
    };
  },
};
