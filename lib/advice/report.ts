import type { HostSample } from "../types";
import type { Analysis, Verdict } from "./analyze";
import type { CoverageItem } from "./coverage";
import { establishedNow, timeWaitNow } from "../sample/facts";
import type { Translate } from "../i18n/message";
import { remedyById } from "./remedies";
import { remedyTitle } from "./remedy-text";
import type { Applicability, Risk, Severity } from "./types";

/** The documented JSON shape of an analysis (`twscope analyze --json`, and the API). */
export interface AnalysisReport {
  schema: "twscope.analysis/1";
  kernel: string | null;
  /** null when the input holds no TIME_WAIT count (then `verdict` is "unknown" or rests on settings alone). */
  counts: { timeWait: number | null; serverSide: number; clientSide: number; established: number | null };
  /** The one answer: healthy (a count, no warning), warning, critical, or unknown (no count, no warning). */
  verdict: Verdict;
  /** What was checked, and what the input did not let twscope check (and why). */
  coverage: CoverageItem[];
  /** The worst severity among the findings ("info" for healthy and unknown). */
  worst: Severity;
  /** verdict === "healthy". */
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

export function buildReport(sample: HostSample, analysis: Analysis, t: Translate, missing: string[] = []): AnalysisReport {
  return {
    schema: "twscope.analysis/1",
    kernel: sample.kernel,
    counts: {
      timeWait: timeWaitNow(sample),
      serverSide: sample.timeWait.server,
      clientSide: sample.timeWait.client,
      established: establishedNow(sample),
    },
    verdict: analysis.verdict,
    coverage: analysis.coverage,
    worst: analysis.worst,
    healthy: analysis.verdict === "healthy",
    findings: analysis.findings.map((f) => ({
      ...f,
      remedies: [...f.remedies]
        .sort((a, b) => ORDER.indexOf(a.applicability) - ORDER.indexOf(b.applicability))
        .map((r) => {
          const remedy = remedyById(r.id);
          if (!remedy) throw new Error(`rule ${f.ruleId} names unknown remedy ${r.id}`);
          return { id: r.id, title: remedyTitle(t, r.id), risk: remedy.risk, applicability: r.applicability, why: r.why };
        }),
    })),
    missing,
  };
}

/** Exit status of `twscope analyze` by verdict (3, unusable input, is the caller's). */
const EXIT_CODES = { healthy: 0, warning: 1, critical: 2, unknown: 4 } as const satisfies Record<Verdict, number>;

export function exitCodeOf(report: AnalysisReport): 0 | 1 | 2 | 4 {
  return EXIT_CODES[report.verdict];
}
