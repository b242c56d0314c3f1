import { msg, type StoredText } from "../i18n/message";
import type { HostSample } from "../types";
import { BundleError } from "./bundle-error";
import { inputError } from "./input-note";
import { parseProbeBundle } from "./parse-probe-bundle";
import { BUNDLE_HEADER, splitBundle } from "./sections";
import { assertBundleSize, isPlainHeading, linesOf } from "./plain/command-sections";
import { describeGaps, noSectionError, parsePlainBundle } from "./plain/parse-plain-bundle";

export interface AnyBundle {
  sample: HostSample;
  /** What the input lacked or left out: catalogue messages (`advice.missing`, `advice.input`). */
  missing: StoredText[];
  format: "probe" | "plain";
}

/** The probe's socket sections; what lacking one costs is `advice.missing.section.<name>`. */
const SOCKET_SECTIONS = ["states", "listen", "tw-server", "tw-client", "tw-totals"];

/**
 * Reads either the probe's bundle (first non-blank line `@@twscope-probe …`) or a plain bundle of
 * `### <command>` sections. Throws `BundleError` for empty or oversized text, text that is
 * neither, and whatever `parseProbeBundle` or `parsePlainBundle` rejects.
 */
export function parseAnyBundle(text: string): AnyBundle {
  assertBundleSize(text);
  const lines = linesOf(text);
  const first = lines.find((l) => l.trim() !== "");
  if (first === undefined) throw new BundleError("empty", inputError("textEmpty"));
  if (first.trim().startsWith(BUNDLE_HEADER)) {
    const sample = parseProbeBundle(text);
    return { sample, missing: describeProbeGaps(text, sample), format: "probe" };
  }
  if (lines.some(isPlainHeading)) return { ...parsePlainBundle(text), format: "plain" };
  throw new BundleError("not-a-bundle", noSectionError);
}

/** What a probe bundle lacks: absent socket sections, a failed ss, files the host did not have. */
function describeProbeGaps(text: string, sample: HostSample): StoredText[] {
  const { sections } = splitBundle(text);
  const out: StoredText[] = [];
  if (SOCKET_SECTIONS.some((name) => sections.has(name))) {
    for (const name of SOCKET_SECTIONS)
      if (!sections.has(name)) out.push(msg("advice.missing.section.lacking", { name, cost: msg(`advice.missing.section.${name}`) }));
  }
  // A failed ss in @@states (older probes) left no list; one noted in @@meta was replaced by /proc.
  const failed = sample.problems.filter((p) => p.startsWith("states: ") && / failed with status /.test(p));
  for (const problem of failed) out.push(msg("advice.missing.socketListFailed", { problem }));
  const hasList = ["tw-server", "tw-client", "tw-totals"].some((name) => sections.has(name)) && failed.length === 0;
  return [...describeGaps(sample, hasList), ...out];
}
