import type { AnalysisReport } from "./report";

const MARK = { critical: "CRITICAL", warning: "WARNING", info: "info" } as const;
const APPLICABILITY = {
  recommended: "recommended", possible: "possible", applied: "already applied",
  "not-applicable": "not applicable", harmful: "harmful here",
} as const;

/** The readable form of a report, for a terminal. */
export function renderReport(r: AnalysisReport): string {
  const out: string[] = [];
  out.push(`kernel ${r.kernel ?? "unknown"} · ${r.counts.timeWait.toLocaleString("en-US")} TIME_WAIT (server side ${r.counts.serverSide.toLocaleString("en-US")}, client side ${r.counts.clientSide.toLocaleString("en-US")})`);
  for (const f of r.findings) {
    out.push("", `${MARK[f.severity]}  ${f.title}  [${f.ruleId}]`);
    for (const e of f.evidence) out.push(`  · ${e}`);
    for (const m of f.remedies) out.push(`    ${APPLICABILITY[m.applicability].padEnd(16)} ${m.title} (risk: ${m.risk}) — ${m.why}  [${m.id}]`);
  }
  if (r.missing.length > 0) out.push("", "Not checked, the input lacks:", ...r.missing.map((m) => `  - ${m}`));
  return out.join("\n") + "\n";
}
