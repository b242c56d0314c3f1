import { buildContext, type RuleContext } from "../advice/context";
import { perSec } from "../advice/rules/rule";
import { severityWeight, type Finding } from "../advice/types";
import { msg, type StoredText } from "../i18n/message";
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
  /** Sentences as data (catalogue `notify.condition.*`, or the advisor's finding texts), rendered in the reader's or the channel's language. */
  summary: StoredText;
  evidence: StoredText[];
}

/** A whole-number percentage, as the summaries show it ("92%"). */
const shareOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const C = "notify.condition";

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
    const values = { rate: perSec(rate) };
    return [whole(rule, rate, msg(`${C}.twOverflow.summary`, values), [msg(`${C}.twOverflow.evidence`, values)])];
  },
  conntrack: (rule, _facts, ctx) => {
    const count = ctx?.sysctl("net.netfilter.nf_conntrack_count") ?? null;
    const max = ctx?.sysctl("net.netfilter.nf_conntrack_max") ?? null;
    if (count === null || !max) return CANNOT_JUDGE;
    const share = (count / max) * 100;
    if (share < rule.params.percent) return [];
    const values = { count: Math.round(count), max: Math.round(max), share: shareOf(count, max) };
    return [whole(rule, share, msg(`${C}.conntrack.summary`, values), [msg(`${C}.conntrack.evidence`, values)])];
  },
  "host-unreachable": (rule, facts) =>
    facts.host.transport !== "bundle" && (rule.params.statuses as readonly HostStatus[]).includes(facts.host.status)
      ? [
          whole(rule, null, msg(`${C}.hostUnreachable.summary`, { status: facts.host.status }), [
            msg(`${C}.hostUnreachable.evidence`, { status: facts.host.status }),
          ]),
        ]
      : [],
  "host-stale": (rule, facts) =>
    facts.host.transport !== "bundle" && facts.stale
      ? [whole(rule, null, msg(`${C}.hostStale.summary`), [msg(`${C}.hostStale.evidence`)])]
      : [],
  "host-key-mismatch": (rule, facts) =>
    facts.host.status === "host-key-mismatch"
      ? [whole(rule, null, msg(`${C}.hostKeyMismatch.summary`), [msg(`${C}.hostKeyMismatch.evidence`)])]
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

function whole(rule: AlertRule, value: number | null, summary: StoredText, evidence: StoredText[]): Condition {
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
  const evidence: StoredText[] = [];
  const sockets = Math.round(count);
  if (atLeast !== null && count >= atLeast) evidence.push(msg(`${C}.timeWait.atOrAbove`, { count: sockets, atLeast: Math.round(atLeast) }));
  if (percentOfBuckets !== null && max && (count / max) * 100 >= percentOfBuckets)
    evidence.push(msg(`${C}.timeWait.ofBuckets`, { count: sockets, max: Math.round(max), share: shareOf(count, max) }));
  if (evidence.length === 0) {
    // Only a percentage asked for and no tcp_max_tw_buckets to take it of: nothing to judge by.
    return atLeast === null && !max ? CANNOT_JUDGE : [];
  }
  return [whole(rule, count, msg(`${C}.timeWait.summary`, { count: sockets }), evidence)];
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
      summary: msg(`${C}.portUse.summary`, { destination: g.peer, share: shareOf(g.count, range.size) }),
      evidence: [
        msg(`${C}.portUse.evidence`, {
          count: Math.round(g.count),
          destination: g.peer,
          share: shareOf(g.count, range.size),
          size: Math.round(range.size),
          // Port numbers, written without grouping.
          low: String(range.low),
          high: String(range.high),
        }),
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
      summary: msg(`${C}.connectRate.summary`, { rate: perSec(rate), destination: g.peer }),
      evidence: [
        msg(`${C}.connectRate.evidence`, {
          rate: perSec(rate),
          destination: g.peer,
          count: Math.round(g.count),
          seconds: String(len),
          share: shareOf(rate, sustainable),
          sustainable: perSec(sustainable),
          size: Math.round(range.size),
        }),
      ],
    }));
}
