import { buildContext, type RuleContext } from "../advice/context";
import { n, pct, perSec } from "../advice/rules/rule";
import type { StoredText } from "../i18n/message";
import { severityWeight, type Finding } from "../advice/types";
import { timeWaitNow } from "../sample/facts";
import type { HostSample, HostStatus, HostTransport, SampleRates } from "../types";
import type { AlertRule, AlertRuleKind, AlertSeverity, RuleParams } from "./rule";

/** What alert rules read about one host at one evaluation. */
export interface HostFacts {
  host: { id: number; name: string; tags: readonly string[]; status: HostStatus; transport: HostTransport };
  /** The latest sample when it is fresh; null when there is none or it is stale (then sample rules cannot judge). */
  sample: HostSample | null;
  /** Rates since the sample before; null when unknown. */
  rates: SampleRates | null;
  /** The advisor's findings on `sample`. */
  findings: readonly Finding[];
  /** The newest sample is older than 3 poll intervals (or the host was never sampled while polled). */
  stale: boolean;
}

/** One instance of a rule's condition that holds now. `subject` tells instances of one rule on one host apart. */
export interface Condition {
  subject: string;
  severity: AlertSeverity;
  value: number | null;
  /** Labels beyond alertname, host and severity: the destination, port or advisor rule concerned. */
  labels: Record<string, string>;
  /** An advisor finding's text is a catalogue message (`StoredText`), rendered in the reader's or channel's language. */
  summary: StoredText;
  evidence: StoredText[];
}

/** The rule could not judge this host now (no fresh sample, or the sample lacks what it reads): its alerts keep their state. */
export const CANNOT_JUDGE = "cannot-judge";
type Judgement = Condition[] | typeof CANNOT_JUDGE;

type Check<K extends AlertRuleKind> = (rule: AlertRule<K>, facts: HostFacts, ctx: RuleContext | null) => Judgement;

const CHECKS: { [K in AlertRuleKind]: Check<K> } = {
  finding: (rule, facts) => (facts.sample ? findingConditions(rule.params, facts.findings) : CANNOT_JUDGE),
  "time-wait": (rule, _facts, ctx) => (ctx ? timeWaitConditions(rule, ctx) : CANNOT_JUDGE),
  "port-use": (rule, _facts, ctx) => (ctx?.portRange ? portUseConditions(rule, ctx) : CANNOT_JUDGE),
  "connect-rate": (rule, _facts, ctx) => (ctx?.portRange ? connectRateConditions(rule, ctx) : CANNOT_JUDGE),
  "tw-overflow": (rule, facts) => {
    const rate = facts.sample ? (facts.rates?.twOverflowPerSec ?? null) : null;
    if (rate === null) return CANNOT_JUDGE;
    if (rate <= 0) return [];
    return [whole(rule, rate, `TIME_WAIT sockets dropped at ${perSec(rate)}`, [`TcpExt.TCPTimeWaitOverflow rising at ${perSec(rate)}`])];
  },
  conntrack: (rule, _facts, ctx) => {
    const count = ctx?.sysctl("net.netfilter.nf_conntrack_count") ?? null;
    const max = ctx?.sysctl("net.netfilter.nf_conntrack_max") ?? null;
    if (count === null || !max) return CANNOT_JUDGE;
    const share = (count / max) * 100;
    if (share < rule.params.percent) return [];
    const line = `nf_conntrack_count ${n(count)} = ${pct(count, max)} of nf_conntrack_max ${n(max)}`;
    return [whole(rule, share, `Conntrack table ${pct(count, max)} full`, [line])];
  },
  "host-unreachable": (rule, facts) =>
    facts.host.transport !== "bundle" && (rule.params.statuses as readonly HostStatus[]).includes(facts.host.status)
      ? [whole(rule, null, `twscope cannot poll the host (${facts.host.status})`, [`the last poll ended in "${facts.host.status}"`])]
      : [],
  "host-stale": (rule, facts) =>
    facts.host.transport !== "bundle" && facts.stale
      ? [whole(rule, null, "No fresh sample for 3 poll intervals", ["the newest sample is older than 3 poll intervals"])]
      : [],
  "host-key-mismatch": (rule, facts) =>
    facts.host.status === "host-key-mismatch"
      ? [
          whole(rule, null, "The host offered a different SSH host key", [
            "twscope refuses to poll until an admin trusts the new key on the host page",
          ]),
        ]
      : [],
};

/** Every instance of `rule`'s condition that holds on the host now, or CANNOT_JUDGE. `ctx` is the sample's, built once per host. */
export function conditionsOf(rule: AlertRule, facts: HostFacts, ctx = ruleContextOf(facts)): Judgement {
  return (CHECKS[rule.kind] as Check<AlertRuleKind>)(rule, facts, ctx);
}

/** What the sample rules read, built once for all of a host's rules; null without a fresh sample. */
export function ruleContextOf(facts: HostFacts): RuleContext | null {
  return facts.sample ? buildContext(facts.sample, facts.rates) : null;
}

function whole(rule: AlertRule, value: number | null, summary: string, evidence: string[]): Condition {
  return { subject: "", severity: rule.severity, value, labels: {}, summary, evidence };
}

function findingConditions(params: RuleParams<"finding">, findings: readonly Finding[]): Condition[] {
  const min = severityWeight(params.minSeverity);
  return findings
    .filter((f) => f.severity !== "info" && severityWeight(f.severity) >= min)
    .map((f) => {
      const about: Record<string, string> = {
        ...(f.namespace ? { namespace: f.namespace.name } : {}),
        ...(!f.subject ? {} : "destination" in f.subject ? { destination: f.subject.destination } : { port: String(f.subject.port) }),
      };
      const subject = [f.ruleId, ...Object.entries(about).map(([k, v]) => `${k}=${v}`)].join(" ");
      return {
        subject,
        severity: f.severity as AlertSeverity,
        value: null,
        labels: { finding: f.ruleId, ...about },
        summary: f.title,
        evidence: f.evidence,
      };
    });
}

function timeWaitConditions(rule: AlertRule<"time-wait">, ctx: RuleContext): Judgement {
  const count = timeWaitNow(ctx.sample);
  if (count === null) return CANNOT_JUDGE;
  const { count: atLeast, percentOfBuckets } = rule.params;
  const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
  const evidence: string[] = [];
  if (atLeast !== null && count >= atLeast) evidence.push(`${n(count)} TIME_WAIT, at or above ${n(atLeast)}`);
  if (percentOfBuckets !== null && max && (count / max) * 100 >= percentOfBuckets)
    evidence.push(`${n(count)} TIME_WAIT = ${pct(count, max)} of tcp_max_tw_buckets (${n(max)})`);
  if (evidence.length === 0) {
    // Only a percentage asked for and no tcp_max_tw_buckets to take it of: nothing to judge by.
    return atLeast === null && !max ? CANNOT_JUDGE : [];
  }
  return [whole(rule, count, `${n(count)} sockets in TIME_WAIT`, evidence)];
}

function portUseConditions(rule: AlertRule<"port-use">, ctx: RuleContext): Condition[] {
  const range = ctx.portRange!;
  return ctx.sample.timeWait.byPeer
    .filter((g) => (g.count / range.size) * 100 >= rule.params.percent)
    .map((g) => ({
      subject: `destination=${g.peer}`,
      severity: rule.severity,
      value: g.count / range.size,
      labels: { destination: g.peer },
      summary: `Local ports toward ${g.peer} ${pct(g.count, range.size)} used`,
      evidence: [
        `${n(g.count)} TIME_WAIT to ${g.peer} = ${pct(g.count, range.size)} of the ${n(range.size)}-port range (${range.low}–${range.high}); at 100% connect() fails with EADDRNOTAVAIL`,
      ],
    }));
}

function connectRateConditions(rule: AlertRule<"connect-rate">, ctx: RuleContext): Condition[] {
  const range = ctx.portRange!;
  const len = ctx.twLength.seconds;
  const sustainable = range.size / 60;
  return ctx.sample.timeWait.byPeer
    .map((g) => ({ g, rate: g.count / len }))
    .filter(({ rate }) => (rate / sustainable) * 100 >= rule.params.percent)
    .map(({ g, rate }) => ({
      subject: `destination=${g.peer}`,
      severity: rule.severity,
      value: rate,
      labels: { destination: g.peer },
      summary: `About ${perSec(rate)} new connections toward ${g.peer}`,
      evidence: [
        `about ${perSec(rate)} new connections to ${g.peer} (${n(g.count)} TIME_WAIT over ${len} s) = ${pct(rate, sustainable)} of the ${perSec(sustainable)} the ${n(range.size)}-port range sustains (range / 60 s)`,
      ],
    }));
}
