import type { HostSample } from "../types";
import { BundleError } from "./bundle-error";
import { parseProbeBundle } from "./parse-probe-bundle";
import { BUNDLE_HEADER, splitBundle } from "./sections";
import { assertBundleSize, isPlainHeading, linesOf } from "./plain/command-sections";
import { describeGaps, NO_SECTION_MESSAGE, parsePlainBundle } from "./plain/parse-plain-bundle";

export interface AnyBundle {
  sample: HostSample;
  missing: string[];
  format: "probe" | "plain";
}

const SOCKET_SECTIONS: Record<string, string> = {
  states: "no socket counts by state",
  listen: "no listening ports",
  "tw-server": "no server-side TIME_WAIT groups",
  "tw-client": "no client-side TIME_WAIT groups",
  "tw-totals": "TIME_WAIT totals are sums of the top-50 groups",
};

/**
 * Reads either the probe's bundle (first non-blank line `@@twscope-probe …`) or a plain bundle of
 * `### <command>` sections. Throws `BundleError` for empty or oversized text, text that is
 * neither, and whatever `parseProbeBundle` or `parsePlainBundle` rejects.
 */
export function parseAnyBundle(text: string): AnyBundle {
  assertBundleSize(text);
  const lines = linesOf(text);
  const first = lines.find((l) => l.trim() !== "");
  if (first === undefined) throw new BundleError("empty", "the text is empty");
  if (first.trim().startsWith(BUNDLE_HEADER)) {
    const sample = parseProbeBundle(text);
    return { sample, missing: describeProbeGaps(text, sample), format: "probe" };
  }
  if (lines.some(isPlainHeading)) return { ...parsePlainBundle(text), format: "plain" };
  throw new BundleError("not-a-bundle", NO_SECTION_MESSAGE);
}

/** What a probe bundle lacks: absent socket sections, a failed ss, files the host did not have. */
function describeProbeGaps(text: string, sample: HostSample): string[] {
  const { sections } = splitBundle(text);
  const out: string[] = [];
  const present = Object.keys(SOCKET_SECTIONS).filter((name) => sections.has(name));
  if (present.length) {
    for (const [name, cost] of Object.entries(SOCKET_SECTIONS)) if (!sections.has(name)) out.push(`no @@${name} section: ${cost}`);
  }
  // A failed ss in @@states (older probes) left no list; one noted in @@meta was replaced by /proc.
  const failed = sample.problems.filter((p) => p.startsWith("states: ") && / failed with status /.test(p));
  for (const problem of failed) out.push(`the host's socket list failed (${problem}): no server/client breakdown`);
  const hasList = ["tw-server", "tw-client", "tw-totals"].some((name) => sections.has(name)) && failed.length === 0;
  return [...describeGaps(sample, hasList), ...out];
}
