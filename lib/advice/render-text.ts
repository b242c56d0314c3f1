import type { AnalysisReport } from "./report";

const MARK = { critical: "CRITICAL", warning: "WARNING", info: "info" } as const;
const VERDICT = { healthy: "HEALTHY", warning: "WARNING", critical: "CRITICAL", unknown: "UNKNOWN" } as const;
const APPLICABILITY = {
  recommended: "recommended",
  possible: "possible",
  applied: "already applied",
  "not-applicable": "not applicable",
  harmful: "harmful here",
} as const;

const num = (v: number) => v.toLocaleString("en-US");

/** The readable form of a report, for a terminal. */
export function renderReport(r: AnalysisReport): string {
  const out: string[] = [];
  const count =
    r.counts.timeWait === null
      ? "no TIME_WAIT count"
      : `${num(r.counts.timeWait)} TIME_WAIT (server side ${num(r.counts.serverSide)}, client side ${num(r.counts.clientSide)})`;
  const gaps = r.coverage.filter((c) => c.state === "unchecked");
  out.push(`verdict ${VERDICT[r.verdict]} · kernel ${r.kernel ?? "unknown"} · ${count}`);
  out.push(
    `checked ${r.coverage.length - gaps.length} of ${r.coverage.length}${gaps.length ? `; not checked: ${gaps.map((g) => g.check).join(", ")}` : ""}`,
  );
  for (const f of r.findings) {
    out.push("", `${MARK[f.severity]}  ${f.title}  [${f.ruleId}]`);
    for (const e of f.evidence) out.push(`  · ${e}`);
    for (const m of f.remedies)
      out.push(`    ${APPLICABILITY[m.applicability].padEnd(16)} ${m.title} (risk: ${m.risk}) — ${m.why}  [${m.id}]`);
  }
  if (gaps.length > 0) out.push("", "Not checked:", ...gaps.map((g) => `  - ${g.check}: ${g.detail}`));
  if (r.missing.length > 0) out.push("", "The input lacks:", ...r.missing.map((m) => `  - ${m}`));
  return out.join("\n") + "\n";
}
