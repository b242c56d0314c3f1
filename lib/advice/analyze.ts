import type { HostSample, SampleRates } from "../types";
import { buildContext } from "./context";
import { HEALTHY_RULE_ID, RULES } from "./rules";
import { n, pct } from "./rules/rule";
import type { Finding, Severity } from "./types";

export interface Analysis {
  /** Most severe first. */
  findings: Finding[];
  /** The worst severity among the findings, "info" when healthy. */
  worst: Severity;
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Runs every rule on a host's latest sample (and the rates since the one before, when there is
 * history). A host with no warning or critical finding gets an explicit "healthy" finding.
 */
export function analyzeSample(sample: HostSample, rates: SampleRates | null = null): Analysis {
  const ctx = buildContext(sample, rates);
  const findings = RULES.map((r) => r.evaluate(ctx)).filter((f): f is Finding => f !== null);
  if (!findings.some((f) => f.severity !== "info")) findings.unshift(healthyFinding(ctx.timeWait, sample, ctx.sysctl("net.ipv4.tcp_max_tw_buckets")));
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return { findings, worst: findings[0]?.severity ?? "info" };
}

function healthyFinding(timeWait: number, sample: HostSample, max: number | null): Finding {
  const evidence = [`${n(timeWait)} TIME_WAIT${max ? ` = ${pct(timeWait, max)} of tcp_max_tw_buckets (${n(max)})` : ""}`];
  const top = sample.timeWait.byPeer[0];
  if (top) evidence.push(`busiest destination ${top.peer}: ${n(top.count)} TIME_WAIT`);
  const partial = Object.keys(sample.sysctls).length === 0;
  const title = partial ? "No problem in the sockets given; settings were not given, so not checked" : "No TIME_WAIT problem found";
  return { ruleId: HEALTHY_RULE_ID, severity: "info", title, evidence, remedies: [] };
}
