import type { Translate } from "../i18n/message";
import { padEndWide } from "../format/text-width";
import type { AnalysisReport } from "./report";

/** The readable form of a report, for a terminal, with its fixed words from `advice.terminal` in the language `t` speaks. */
export function renderReport(r: AnalysisReport, t: Translate): string {
  const say = (key: string, values?: Record<string, string | number>) => t(`advice.terminal.${key}`, values);
  const out: string[] = [];
  const count =
    r.counts.timeWait === null
      ? say("noCount")
      : say("count", { timeWait: r.counts.timeWait, server: r.counts.serverSide, client: r.counts.clientSide });
  const gaps = r.coverage.filter((c) => c.state === "unchecked");
  out.push(say("headline", { verdict: r.verdict, kernel: r.kernel ?? say("kernelUnknown"), count }));
  const checked = say("checked", { checked: r.coverage.length - gaps.length, total: r.coverage.length });
  out.push(gaps.length ? say("checkedWithGaps", { checked, gaps: gaps.map((g) => g.check).join(say("listSeparator")) }) : checked);
  for (const f of r.findings) {
    out.push("", `${say(`severity.${f.severity}`)}  ${f.title}  [${f.ruleId}]`);
    for (const e of f.evidence) out.push(`  · ${e}`);
    for (const m of f.remedies)
      out.push(
        `    ${padEndWide(say(`applicability.${m.applicability}`), 16)} ${say("remedy", { title: m.title, risk: t(`advice.risk.${m.risk}`), why: m.why })}  [${m.id}]`,
      );
  }
  if (gaps.length > 0) out.push("", say("notChecked"), ...gaps.map((g) => `  - ${g.check}: ${g.detail}`));
  if (r.missing.length > 0) out.push("", say("inputLacks"), ...r.missing.map((m) => `  - ${m}`));
  return out.join("\n") + "\n";
}
