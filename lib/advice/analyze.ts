import type { HostSample, SampleRates } from "../types";
import { namespaceLabel, namespaceSample } from "../sample/namespace-sample";
import { buildContext, type RuleContext } from "./context";
import { coverageOf, type CoverageItem } from "./coverage";
import { HEALTHY_RULE_ID, RULES, UNKNOWN_RULE_ID } from "./rules";
import { isMessage, type Message, type StoredText } from "../i18n/message";
import { listOf, int, percentOf, say } from "./rules/rule";
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
        title: say("namespace.title", { label: labelOf(label), title: f.title }),
        evidence: [
          say("namespace.where", { label: labelOf(label), inode: ns.inode, pid: ns.pid, processes: int(ns.processes) }),
          ...f.evidence,
        ],
      }));
  });
}

/** "pod web-1", "container api", "namespace 4026532" (lib/sample/namespace-sample.ts): the kind word translated, the name kept. */
function labelOf(label: string): Message | string {
  const [kind, ...name] = label.split(" ");
  return kind === "pod" || kind === "container" || kind === "namespace" ? say(`namespace.kind.${kind}`, { name: name.join(" ") }) : label;
}

function unknownFinding(coverage: CoverageItem[]): Finding {
  return {
    ruleId: UNKNOWN_RULE_ID,
    severity: "info",
    title: say("unknown.title"),
    evidence: [
      say("unknown.noCount"),
      ...coverage.filter((c) => c.state === "checked").map((c) => say("unknown.checked", { check: c.check, detail: c.detail })),
    ],
    remedies: [],
  };
}

function healthyFinding(ctx: RuleContext, coverage: CoverageItem[]): Finding {
  const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
  const evidence: Message[] = [
    max
      ? say("healthy.countOfMax", { count: int(ctx.timeWait), share: percentOf(ctx.timeWait, max), max: int(max) })
      : say("healthy.count", { count: int(ctx.timeWait) }),
  ];
  const biggest = biggestShare(ctx);
  if (biggest) evidence.push(biggest);
  const gaps = coverage.filter((c) => c.state === "unchecked").map((c) => c.check);
  if (gaps.length > 0) evidence.push(say("healthy.notChecked", { checks: listOf(gaps) }));
  const title =
    gaps.length === 0
      ? say("healthy.title")
      : gaps.length <= 2
        ? say("healthy.titleGaps", { checks: listOf(gaps) })
        : say("healthy.titleManyGaps", { gaps: gaps.length, checks: coverage.length });
  return { ruleId: HEALTHY_RULE_ID, severity: "info", title, evidence, remedies: [] };
}

/** The largest group, on a listening port or toward a destination, whichever holds more. */
function biggestShare(ctx: RuleContext): Message | null {
  const tw = ctx.sample.timeWait;
  const port = tw.byListeningPort[0];
  const peer = tw.byPeer[0];
  const whole = Math.max(tw.total, ctx.timeWait);
  if (port && (!peer || port.count >= peer.count)) {
    const where =
      port.listening === false ? say("healthy.portNotListening", { port: port.port }) : say("healthy.listeningPort", { port: port.port });
    return say("healthy.biggestOnPort", { count: int(port.count), whole: int(whole), share: percentOf(port.count, whole), where });
  }
  if (peer)
    return say("healthy.biggestToPeer", {
      count: int(peer.count),
      whole: int(whole),
      share: percentOf(peer.count, whole),
      peer: peer.peer,
    });
  return null;
}

/** A namespace's finding's title without the namespace's name before it (its panel row names the namespace already). */
export function titleInNamespace(title: StoredText): StoredText {
  if (typeof title === "string") return title.slice(title.indexOf(": ") + 2);
  const inner = title.key === "advice.namespace.title" ? title.values?.title : undefined;
  return inner !== undefined && (typeof inner === "string" || isMessage(inner)) ? inner : title;
}
