import { analyzeSample, type Analysis } from "@/lib/advice/analyze";
import type { Finding } from "@/lib/advice/types";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import { parsePlainBundle } from "@/lib/bundle/plain/parse-plain-bundle";
import { renderText, type StoredText, type Translate } from "@/lib/i18n/message";
import type { HostSample, SampleRates } from "@/lib/types";
import { english } from "./i18n";

/** A finding with its title, evidence and remedy reasons rendered in one language, as tests compare them. */
export interface RenderedFinding extends Omit<Finding, "title" | "evidence" | "remedies"> {
  title: string;
  evidence: string[];
  remedies: (Omit<Finding["remedies"][number], "why"> & { why: string })[];
}

export function renderFinding(f: Finding, t: Translate = english): RenderedFinding {
  const text = (x: Finding["title"]) => renderText(t, x);
  return { ...f, title: text(f.title), evidence: f.evidence.map(text), remedies: f.remedies.map((r) => ({ ...r, why: text(r.why) })) };
}

/** `analyzeSample` with every text rendered through the strict English translator (a missing key throws). */
export function analyzeInEnglish(sample: HostSample, rates: SampleRates | null = null) {
  const a: Analysis = analyzeSample(sample, rates);
  return {
    ...a,
    findings: a.findings.map((f) => renderFinding(f)),
    coverage: a.coverage.map((c) => ({ ...c, check: renderText(english, c.check), detail: renderText(english, c.detail) })),
  };
}

/** A parsed bundle with what it lacks (`missing`, catalogue messages and English notes) in English. */
const missingInEnglish = <T extends { missing: StoredText[] }>(bundle: T): Omit<T, "missing"> & { missing: string[] } => ({
  ...bundle,
  missing: bundle.missing.map((m) => renderText(english, m)),
});
export const parsePlainInEnglish = (text: string) => missingInEnglish(parsePlainBundle(text));
export const parseAnyInEnglish = (text: string) => missingInEnglish(parseAnyBundle(text));
