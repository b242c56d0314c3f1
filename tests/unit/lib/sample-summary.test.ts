import crypto from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { analysisData } from "@/lib/advice/report";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { computeRates, ratesOrNull, readingOf } from "@/lib/sample/rates";
import { SUMMARY_REVISION, summarizeSample } from "@/lib/sample/summary";
import type { HostSample, SampleRates } from "@/lib/types";
import { fixturePath, readFixture } from "../../support/fixtures";

/** Every captured bundle alone, and each `.later` bundle with the rates since its earlier one. */
function cases(): [string, HostSample, SampleRates | null][] {
  const lab = fs.readdirSync(fixturePath("bundles", "lab")).map((f) => `lab/${f}`);
  const top = fs.readdirSync(fixturePath("bundles")).filter((f) => f.endsWith(".txt"));
  const parse = (f: string) => parseProbeBundle(readFixture("bundles", ...f.split("/")));
  const alone = [...top, ...lab].sort().map((f) => [f, parse(f), null] as [string, HostSample, null]);
  const later = lab
    .filter((f) => f.includes(".later."))
    .map((f): [string, HostSample, SampleRates | null] => {
      const rates = computeRates(readingOf(parse(f.replace(".later", "")), 0), readingOf(parse(f), 15_000));
      return [`${f} after its earlier bundle`, parse(f), ratesOrNull(rates)];
    });
  return [...alone, ...later];
}

// What SUMMARY_REVISION 4 summarises the fixtures as. When this test fails, bump the revision (stored
// summaries of the old one are then recomputed) and record the digest the failure shows.
const RECORDED = { revision: 4, digest: "868b8dd3f0def97f" };

describe("summarizeSample()", () => {
  it.each(cases())("%s: says what the host page's report says, counts and findings in the same order", (_name, sample, rates) => {
    const summary = summarizeSample(sample, rates);
    const report = analysisData(sample, analyzeSample(sample, rates));
    expect(summary.findings).toEqual(report.findings.map(({ ruleId, severity, title }) => ({ ruleId, severity, title })));
    expect(summary.counts.twServer).toBe(report.counts.serverSide);
    expect(summary.counts.twClient).toBe(report.counts.clientSide);
    expect(summary.counts.established).toBe(report.counts.established);
    expect(summary.counts.timeWait).toBe(report.counts.timeWait);
  });

  it("counts new connections as opened plus accepted per second, and none before a second sample", () => {
    const [, sample, rates] = cases().find(([name]) => name.startsWith("lab/client-port-exhaustion.later.txt after"))!;
    expect(rates).not.toBeNull();
    expect(summarizeSample(sample, rates).counts.newConnectionsPerSec).toBe(
      (rates!.activeOpensPerSec ?? 0) + (rates!.passiveOpensPerSec ?? 0),
    );
    expect(summarizeSample(sample, null).counts.newConnectionsPerSec).toBeNull();
  });

  it("has its revision bumped whenever it would summarise the fixture bundles differently", () => {
    const digest = crypto
      .createHash("sha256")
      .update(JSON.stringify(cases().map(([, s, r]) => summarizeSample(s, r))))
      .digest("hex")
      .slice(0, 16);
    expect(
      { revision: SUMMARY_REVISION, digest },
      "stored summaries would go stale: bump SUMMARY_REVISION in lib/sample-summary.ts and record this digest",
    ).toEqual(RECORDED);
  });
});
