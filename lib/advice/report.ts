import type { HostSample } from "../types";
import type { Analysis } from "./analyze";
import { remedyById } from "./remedies";
import type { Applicability, Risk, Severity } from "./types";

/** The documented JSON shape of an analysis (`twscope analyze --json`, and the API). */
export interface AnalysisReport {
  schema: "twscope.analysis/1";
  kernel: string | null;
  counts: { timeWait: number; serverSide: number; clientSide: number; established: number | null };
  worst: Severity;
  healthy: boolean;
  findings: {
    ruleId: string;
    severity: Severity;
    title: string;
    evidence: string[];
    remedies: { id: string; title: string; risk: Risk; applicability: Applicability; why: string }[];
  }[];
  /** What the input lacked, so what could not be checked. */
  missing: string[];
}

const ORDER: Applicability[] = ["recommended", "possible", "applied", "not-applicable", "harmful"];

export function buildReport(sample: HostSample, analysis: Analysis, missing: string[] = []): AnalysisReport {
  return {
    schema: "twscope.analysis/1",
    kernel: sample.kernel,
    counts: {
      timeWait: sample.sockstat.tcpTw ?? sample.timeWait.total,
      serverSide: sample.timeWait.server,
      clientSide: sample.timeWait.client,
      established: sample.states.ESTAB ?? sample.counters["Tcp.CurrEstab"] ?? null,
    },
    worst: analysis.worst,
    // Healthy only when the whole picture was there: a bundle without settings cannot clear a host.
    healthy: analysis.worst === "info" && analysis.findings.some((f) => f.ruleId === "healthy") && missing.length === 0,
    findings: analysis.findings.map((f) => ({
      ...f,
      remedies: [...f.remedies].sort((a, b) => ORDER.indexOf(a.applicability) - ORDER.indexOf(b.applicability)).map((r) => {
        const remedy = remedyById(r.id);
        if (!remedy) throw new Error(`rule ${f.ruleId} names unknown remedy ${r.id}`);
        return { id: r.id, title: remedy.title, risk: remedy.risk, applicability: r.applicability, why: r.why };
      }),
    })),
    missing,
  };
}

/** Exit status of `twscope analyze`: 0 healthy, 1 warnings, 2 critical (3, unusable input, is the caller's). */
export function exitCodeOf(report: AnalysisReport): 0 | 1 | 2 {
  return report.worst === "critical" ? 2 : report.worst === "warning" ? 1 : 0;
}
