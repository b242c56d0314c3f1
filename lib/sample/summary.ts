import { analyzeSample } from "../advice/analyze";
import { establishedNow, timeWaitNow } from "./facts";
import type { Severity } from "../advice/types";
import type { StoredText } from "../i18n/message";
import type { HostCurrentDto } from "../dto";
import type { HostSample, SampleRates } from "../types";

/**
 * Bump whenever the advisor (a rule, a threshold, a title) or `countsOf` would summarise a sample
 * differently: stored summaries of another revision are recomputed from their sample when read.
 * tests/unit/lib/sample-summary.test.ts fails until it is bumped.
 */
export const SUMMARY_REVISION = 4;

/** A host's current counts as the fleet table shows them. */
export type SampleCounts = Omit<HostCurrentDto, "at">;

export interface FindingHeadline {
  ruleId: string;
  severity: Severity;
  /** A catalogue message; English text in summaries of revisions before 4. */
  title: StoredText;
}

/** What the fleet list and the fleet findings need of a sample, computed once when it is stored. */
export interface SampleSummary {
  counts: SampleCounts;
  /** The advisor's findings, most severe first, without evidence or remedies. */
  findings: FindingHeadline[];
}

export function countsOf(sample: HostSample, rates: SampleRates | null): SampleCounts {
  const opens = rates?.activeOpensPerSec ?? null;
  const accepts = rates?.passiveOpensPerSec ?? null;
  return {
    kernel: sample.kernel,
    timeWait: timeWaitNow(sample),
    established: establishedNow(sample),
    twServer: sample.timeWait.server,
    twClient: sample.timeWait.client,
    newConnectionsPerSec: opens === null && accepts === null ? null : (opens ?? 0) + (accepts ?? 0),
  };
}

/**
 * The sample's counts and the advisor's findings on it (with the rates since the sample before, when
 * known). A caller that has the analysis already passes it.
 */
export function summarizeSample(sample: HostSample, rates: SampleRates | null, analysis = analyzeSample(sample, rates)): SampleSummary {
  const findings = analysis.findings.map(({ ruleId, severity, title }) => ({ ruleId, severity, title }));
  return { counts: countsOf(sample, rates), findings };
}
