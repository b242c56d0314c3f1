import type { HostSample, SampleRates } from "../types";
import { namespaceLabel, namespaceSample } from "../sample/namespace-sample";
import { buildContext, type RuleContext } from "./context";
import { coverageOf, type CoverageItem } from "./coverage";
import { HEALTHY_RULE_ID, RULES, UNKNOWN_RULE_ID } from "./rules";
import { n, pct } from "./rules/rule";
import { mostSevereFirst, type Finding, type Severity } from "./types";

/**
 * healthy: a TIME_WAIT count was there and no rule warns. unknown: no rule warns, but there is no
 * TIME_WAIT count to judge by. A warning or critical finding stands on its own evidence, count or not.
 */
export type Verdict = "healthy" | "warning" | "critical" | "unknown";

export interface Analysis {
  verdict: Verdict;
  /** Most severe first. */
  findings: Finding[];
  /** The worst severity among the findings, "info" when healthy or unknown. */
  worst: Severity;
  /** What was checked and what the input did not let the advisor check. */
  coverage: CoverageItem[];
}

/**
 * Runs every rule on a host's latest sample (and the rates since the one before, when there is
 * history). A host with no warning or critical finding gets an explicit "healthy" finding, or an
 * "unknown" one when the input holds no TIME_WAIT count.
 */
export function analyzeSample(sample: HostSample, rates: SampleRates | null = null): Analysis {
  const ctx = buildContext(sample, rates);
  const coverage = coverageOf(ctx);
  const findings = [...ruleFindings(ctx), ...namespaceFindings(sample)];
  findings.sort(mostSevereFirst);
  const worst = findings[0]?.severity ?? "info";
  if (worst !== "info") return { verdict: worst, findings, worst, coverage };
  if (!ctx.countKnown) return { verdict: "unknown", findings: [unknownFinding(coverage), ...findings], worst, coverage };
  return { verdict: "healthy", findings: [healthyFinding(ctx, coverage), ...findings], worst, coverage };
}

function ruleFindings(ctx: RuleContext): Finding[] {
  return RULES.map((r) => r.evaluate(ctx)).filter((f): f is Finding => f !== null);
}

/**
 * Each namespace judged by the same rules with its own sockets and sysctls; its warnings and
 * critical findings join the host's, named after it.
 */
function namespaceFindings(sample: HostSample): Finding[] {
  return (sample.namespaces?.shown ?? []).flatMap((ns) => {
    const label = namespaceLabel(ns);
    return ruleFindings(buildContext(namespaceSample(sample, ns), null))
      .filter((f) => f.severity !== "info")
      .map((f) => ({
        ...f,
        namespace: { inode: ns.inode, name: ns.name },
        title: `${label}: ${f.title}`,
        evidence: [
          `in ${label}, network namespace net:[${ns.inode}] (pid ${ns.pid}, ${n(ns.processes)} process${ns.processes === 1 ? "" : "es"})`,
          ...f.evidence,
        ],
      }));
  });
}

function unknownFinding(coverage: CoverageItem[]): Finding {
  return {
    ruleId: UNKNOWN_RULE_ID,
    severity: "info",
    title: "No verdict: the input holds no TIME_WAIT count",
    evidence: [
      "neither /proc/net/sockstat nor a socket list (ss -tan, netstat -ant) was given: nothing to count TIME_WAIT sockets from, so no healthy verdict",
      ...coverage.filter((c) => c.state === "checked").map((c) => `checked ${c.check}: ${c.detail}`),
    ],
    remedies: [],
  };
}

function healthyFinding(ctx: RuleContext, coverage: CoverageItem[]): Finding {
  const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
  const evidence = [`${n(ctx.timeWait)} TIME_WAIT${max ? ` = ${pct(ctx.timeWait, max)} of tcp_max_tw_buckets (${n(max)})` : ""}`];
  const biggest = biggestShare(ctx);
  if (biggest) evidence.push(biggest);
  const gaps = coverage.filter((c) => c.state === "unchecked").map((c) => c.check);
  if (gaps.length > 0) evidence.push(`not checked (the input lacks what they need): ${gaps.join(", ")}`);
  const title =
    gaps.length === 0
      ? "No TIME_WAIT problem found"
      : gaps.length <= 2
        ? `No TIME_WAIT problem found in what was checked; not checked: ${gaps.join(", ")}`
        : `No TIME_WAIT problem found in what was checked; ${gaps.length} of ${coverage.length} checks not possible`;
  return { ruleId: HEALTHY_RULE_ID, severity: "info", title, evidence, remedies: [] };
}

/** The largest group, on a listening port or toward a destination, whichever holds more. */
function biggestShare(ctx: RuleContext): string | null {
  const tw = ctx.sample.timeWait;
  const port = tw.byListeningPort[0];
  const peer = tw.byPeer[0];
  const whole = Math.max(tw.total, ctx.timeWait);
  if (port && (!peer || port.count >= peer.count)) {
    const where = port.listening === false ? `port ${port.port} (not listening now)` : `listening port ${port.port}`;
    return `biggest share: ${n(port.count)} of ${n(whole)} TIME_WAIT (${pct(port.count, whole)}) on ${where}, server side`;
  }
  if (peer) return `biggest share: ${n(peer.count)} of ${n(whole)} TIME_WAIT (${pct(peer.count, whole)}) toward ${peer.peer}, client side`;
  return null;
}
