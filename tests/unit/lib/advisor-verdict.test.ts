import { describe, expect, it } from "vitest";
import { analyzeSample } from "@/lib/advice/analyze";
import { analyzeInEnglish } from "../../support/advice";
import { renderReport } from "@/lib/advice/render-text";
import { buildReport, exitCodeOf } from "@/lib/advice/report";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import { parsePlainBundle } from "@/lib/bundle/plain/parse-plain-bundle";
import { withTimeWait } from "../../support/breakdown-samples";
import { readFixture } from "../../support/fixtures";
import { english } from "../../support/i18n";

const base = () => parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));

/** The named `### heading` sections of a captured plain bundle, as a user would paste just those. */
function sectionsOf(file: string, headings: Record<string, string>): string {
  const text = readFixture("plain", file);
  return Object.entries(headings)
    .map(([heading, as]) => {
      const start = text.indexOf(`### ${heading}\n`);
      const body = text.slice(start + heading.length + 5);
      const end = body.search(/^### /m);
      return `### ${as}\n${end === -1 ? body : body.slice(0, end)}`;
    })
    .join("");
}

function reportOf(text: string) {
  const { sample, missing } = parsePlainBundle(text);
  return buildReport(sample, analyzeSample(sample), english, missing);
}

describe("the verdict", () => {
  it("is unknown, not healthy, for `uname -r` and `sysctl -a` alone: no TIME_WAIT count, exit 4", () => {
    const report = reportOf(sectionsOf("host-full.txt", { "uname -r": "uname -r", "sysctl net": "sysctl -a" }));
    expect(report).toMatchObject({ verdict: "unknown", healthy: false, worst: "info", counts: { timeWait: null } });
    expect(report.findings.map((f) => f.ruleId)).toEqual(["unknown"]);
    expect(report.findings.some((f) => /No TIME_WAIT problem/.test(f.title))).toBe(false);
    expect(report.coverage.find((c) => c.check === "TIME_WAIT count")).toMatchObject({ state: "unchecked" });
    expect(report.coverage.find((c) => c.check === "kernel release")).toMatchObject({ state: "checked", detail: "Linux 6.18.44-fc-v782" });
    expect(exitCodeOf(report)).toBe(4);
    const text = renderReport(report, english);
    expect(text).toMatch(/^verdict UNKNOWN · kernel 6\.18\.44-fc-v782 · no TIME_WAIT count\n/);
    expect(text).not.toMatch(/0 TIME_WAIT/);
  });

  it("rests on settings alone when they warn: a narrow port range without any count is a warning, not unknown", () => {
    const report = reportOf(sectionsOf("netns-full.txt", { "uname -r": "uname -r", "sysctl net": "sysctl -a" }));
    expect(report.verdict).toBe("warning");
    expect(report.findings[0]).toMatchObject({ ruleId: "port-range-narrow", severity: "warning" });
    expect(report.coverage.find((c) => c.check === "TIME_WAIT count")?.state).toBe("unchecked");
    expect(exitCodeOf(report)).toBe(1);
  });

  it("is healthy with its gaps named when the socket list alone holds nothing wrong, and healthy agrees with the exit code", () => {
    const report = reportOf(readFixture("plain", "netns-netstat.txt"));
    expect(report).toMatchObject({ verdict: "healthy", healthy: true, worst: "info" });
    expect(exitCodeOf(report)).toBe(0);
    const gaps = report.coverage.filter((c) => c.state === "unchecked").map((c) => c.check);
    expect(gaps).toEqual(expect.arrayContaining(["sysctl values", "sysctl files", "kernel release"]));
    expect(report.findings[0]!.title).toBe(
      `No TIME_WAIT problem found in what was checked; ${gaps.length} of ${report.coverage.length} checks not possible`,
    );
    expect(report.findings[0]!.evidence).toContain(`not checked (the input lacks what they need): ${gaps.join(", ")}`);
  });

  it("is plainly healthy when every check could be made", () => {
    const report = buildReport(base(), analyzeSample(base()), english);
    expect(report.coverage.every((c) => c.state === "checked")).toBe(true);
    expect(report).toMatchObject({
      verdict: "healthy",
      healthy: true,
      findings: [{ ruleId: "healthy", title: "No TIME_WAIT problem found" }],
    });
  });

  it.each([
    ["critical", "client-port-exhaustion", 2],
    ["warning", "web-active-close", 1],
    ["healthy", "keepalive-healthy", 0],
  ] as const)("%s: verdict, worst, healthy and the exit code agree (%s)", (verdict, scenario, code) => {
    const sample = parseProbeBundle(readFixture("bundles", "lab", `${scenario}.txt`));
    const report = buildReport(sample, analyzeSample(sample), english);
    expect(report.verdict).toBe(verdict);
    expect(report.healthy).toBe(verdict === "healthy");
    expect(report.worst).toBe(verdict === "healthy" ? "info" : verdict);
    expect(exitCodeOf(report)).toBe(code);
  });

  it("says which sysctl files the probe could not read", () => {
    const s = parseProbeBundle(
      readFixture("bundles", "localhost-6x.txt").replace("@@sysctl-conf\n", "@@sysctl-conf\n! denied /etc/sysctl.d/99-secret.conf\n"),
    );
    expect(analyzeInEnglish(s).coverage.find((c) => c.check === "sysctl files")?.detail).toBe(
      "0 TIME_WAIT-related line(s) in the files a reboot applies; 1 file(s) not readable, so not judged: /etc/sysctl.d/99-secret.conf",
    );
  });

  it("names the sockstat count's source, and reads rates only with history", () => {
    const { coverage } = analyzeInEnglish(base());
    expect(coverage.find((c) => c.check === "TIME_WAIT count")?.detail).toMatch(/from \/proc\/net\/sockstat$/);
    expect(coverage.find((c) => c.check === "kernel counters")?.detail).toMatch(/since boot only/);
  });
});

describe("the healthy finding's evidence", () => {
  it("names the biggest share, on a listening port, not the busiest destination", () => {
    const s = withTimeWait(base(), [[80, 14]], [["127.0.0.1:80", 1]]);
    const f = analyzeInEnglish(s).findings[0]!;
    expect(f.ruleId).toBe("healthy");
    expect(f.evidence).toContain("biggest share: 14 of 15 TIME_WAIT (93%) on listening port 80, server side");
    expect(f.evidence.join(" ")).not.toMatch(/busiest destination/);
  });

  it("names a destination when it holds more than any port", () => {
    const s = withTimeWait(base(), [[443, 5]], [["10.0.0.7:5432", 25]]);
    expect(analyzeInEnglish(s).findings[0]!.evidence).toContain(
      "biggest share: 25 of 30 TIME_WAIT (83%) toward 10.0.0.7:5432, client side",
    );
  });
});
