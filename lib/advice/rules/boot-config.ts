import type { ConfiguredSysctl } from "../../types";
import type { RuleContext } from "../context";
import { kernelAtLeast } from "../kernel";
import { portRangeProblems } from "../port-range-problems";
import type { Severity } from "../types";
import type { Rule } from "./rule";
import { advise, n } from "./rule";
import { judgeTwBuckets } from "./tw-buckets";

/** "/etc/sysctl.d/60-tw.conf line 3", or the file alone when the input gave no line number. */
export const whereSet = (e: ConfiguredSysctl) => (e.line ? `${e.file} line ${e.line}` : e.file);

export interface BootProblem {
  entry: ConfiguredSysctl;
  severity: Severity;
  why: string;
  remedy: string;
}

/** The harmful values among those a reboot applies (the last line of each key in systemd-sysctl order). */
export function bootProblems(ctx: RuleContext): BootProblem[] {
  const out: BootProblem[] = [];
  const add = (entry: ConfiguredSysctl, severity: Severity, why: string, remedy: string) => out.push({ entry, severity, why, remedy });
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
          `${judged.lowered ? "lowers" : "sets"} tcp_max_tw_buckets to ${n(v)} (${judged.why}): connections closing past it get no TIME_WAIT socket`,
          "tcp-max-tw-buckets",
        );
    } else if (key === "net.ipv4.tcp_fin_timeout" && v < 60) {
      add(e, "info", `lowers tcp_fin_timeout to ${v}, which bounds FIN_WAIT_2 and does not shorten TIME_WAIT`, "keep-tcp-fin-timeout");
    } else if (key === "net.ipv4.ip_local_port_range" && words.length === 2 && words[1]! >= v) {
      const p = portRangeProblems(v, words[1]!, ctx);
      if (p)
        add(e, p.narrow ? "warning" : "info", `sets ip_local_port_range to ${v} ${words[1]}: ${p.lines.join("; ")}`, "widen-port-range");
    } else if (key === "net.ipv4.tcp_tw_recycle" && v !== 0 && !(ctx.kernel && kernelAtLeast(ctx.kernel, "4.12"))) {
      // Kernels from 4.12 have no tcp_tw_recycle: tw-recycle-in-config reports the dead line there.
      add(
        e,
        "warning",
        `turns tcp_tw_recycle on${ctx.kernel ? ` (Linux ${ctx.kernel.release} still has it)` : " (kernel unknown)"}: clients behind NAT lose connections`,
        "tcp-tw-recycle",
      );
    }
  }
  return out;
}

export const configAppliesAtBoot: Rule = {
  id: "config-applies-at-boot",
  title: "Sysctl files apply harmful values at next boot",
  description:
    "Judges the values the sysctl files apply at the next boot, whatever runs now: a tcp_max_tw_buckets below this host's default, a tcp_fin_timeout lowered as a TIME_WAIT fix, a narrow, same-parity or listener-overlapping ip_local_port_range, or tcp_tw_recycle on (on kernels that still have it). Each with the file and line.",
  evaluate(ctx) {
    const problems = bootProblems(ctx);
    if (problems.length === 0) return null;
    const evidence = problems.map(({ entry, why }) => {
      const now = ctx.sample.sysctls[entry.key];
      const running =
        now === undefined
          ? "running value unknown"
          : now === entry.value.replace(/\s+/g, " ")
            ? "the running value is the same"
            : `running value ${now}`;
      return `${whereSet(entry)}: ${entry.key} = ${entry.value} ${why}; applies at next boot (${running})`;
    });
    const remedies = [...new Set(problems.map((p) => p.remedy))].map((id) =>
      advise(
        id,
        "recommended",
        `change or delete the line in ${problems
          .filter((p) => p.remedy === id)
          .map((p) => whereSet(p.entry))
          .join(", ")}`,
      ),
    );
    return {
      ruleId: this.id,
      severity: problems.some((p) => p.severity === "warning") ? "warning" : "info",
      title: `Applies at next boot: ${problems.length === 1 ? `${whereSet(problems[0]!.entry)} sets ${problems[0]!.entry.key.replace(/^net\.(ipv4|core)\./, "")} = ${problems[0]!.entry.value}` : `${problems.length} harmful lines in the sysctl files`}`,
      evidence,
      remedies,
    };
  },
};
