import type { HostSample } from "../types";
import type { Analysis, Verdict } from "./analyze";
import { establishedNow, timeWaitNow } from "../sample/facts";
import { renderText, type StoredText, type Translate } from "../i18n/message";
import { remedyById } from "./remedies";
import { remedyTitle } from "./remedy-text";
import type { Applicability, Risk, Severity } from "./types";

/** The shape of an analysis, its texts either kept as data (`StoredText`) or rendered in one language (`string`). */
interface AnalysisShape<Text, RemedyTitle extends { title?: string }> {
  schema: "twscope.analysis/1";
  kernel: string | null;
  /** null when the input holds no TIME_WAIT count (then `verdict` is "unknown" or rests on settings alone). */
  counts: { timeWait: number | null; serverSide: number; clientSide: number; established: number | null };
  /** The one answer: healthy (a count, no warning), warning, critical, or unknown (no count, no warning). */
  verdict: Verdict;
  /** What was checked, and what the input did not let twscope check (and why). */
  coverage: { check: Text; state: "checked" | "unchecked"; detail: Text }[];
  /** The worst severity among the findings ("info" for healthy and unknown). */
  worst: Severity;
  /** verdict === "healthy". */
  healthy: boolean;
  findings: {
    ruleId: string;
    severity: Severity;
    title: Text;
    evidence: Text[];
    remedies: ({ id: string; risk: Risk; applicability: Applicability; why: Text } & RemedyTitle)[];
  }[];
  /** What the input lacked, so what could not be checked. */
  missing: Text[];
}

/** The documented JSON shape of an analysis (`twscope analyze --json`, the bundle import API), in one language. */
export type AnalysisReport = AnalysisShape<string, { title: string }>;

/**
 * An analysis kept as data: what the host page and snapshots hold, rendered in the reader's language when shown
 * (`renderAnalysis`). Analyses stored before findings were data hold English strings and a remedy title; both still render.
 */
export type StoredAnalysis = AnalysisShape<StoredText, { title?: string }>;

const ORDER: Applicability[] = ["recommended", "possible", "applied", "not-applicable", "harmful"];

export function analysisData(sample: HostSample, analysis: Analysis, missing: StoredText[] = []): StoredAnalysis {
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
          return { id: r.id, risk: remedy.risk, applicability: r.applicability, why: r.why };
        }),
    })),
    missing,
  };
}

/** A remedy's title in the reader's language; the stored English one for a remedy the catalogue no longer has. */
const titleOf = (t: Translate, r: { id: string; title?: string }) =>
  t.has(`remedy.${r.id}.title`) ? remedyTitle(t, r.id) : (r.title ?? r.id);

/** A stored analysis in one language, in the documented `twscope.analysis/1` shape. */
export function renderAnalysis(a: StoredAnalysis, t: Translate): AnalysisReport {
  const text = (x: StoredText) => renderText(t, x);
  return {
    ...a,
    coverage: (a.coverage ?? []).map((c) => ({ ...c, check: text(c.check), detail: text(c.detail) })),
    findings: a.findings.map((f) => ({
      ...f,
      title: text(f.title),
      evidence: f.evidence.map(text),
      remedies: f.remedies.map((r) => ({ id: r.id, title: titleOf(t, r), risk: r.risk, applicability: r.applicability, why: text(r.why) })),
    })),
    missing: (a.missing ?? []).map(text),
  };
}

/** The analysis of a sample in the documented JSON shape, in the language `t` speaks. */
export function buildReport(sample: HostSample, analysis: Analysis, t: Translate, missing: StoredText[] = []): AnalysisReport {
  return renderAnalysis(analysisData(sample, analysis, missing), t);
}

/** Exit status of `twscope analyze` by verdict (3, unusable input, is the caller's). */
const EXIT_CODES = { healthy: 0, warning: 1, critical: 2, unknown: 4 } as const satisfies Record<Verdict, number>;

export function exitCodeOf(report: Pick<AnalysisReport, "verdict">): 0 | 1 | 2 | 4 {
  return EXIT_CODES[report.verdict];
}
