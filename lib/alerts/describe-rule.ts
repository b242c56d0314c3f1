import type { Formatter } from "../format/formatter";
import type { Translate } from "../i18n/message";
import { BUILTIN_RULES } from "./builtin-rules";
import type { AlertDto } from "./dto";
import type { AlertRule, AlertRuleKind, HostSelector, RuleParams } from "./rule";

// Rules, selectors and subjects in the reader's words: `t` is the whole catalogue (useTranslate()), keys under `alerts.describe`.
const D = "alerts.describe";

/** "a or b or c", in the reader's language. */
const joinOr = (t: Translate, parts: readonly string[]): string =>
  parts.reduce((first, second) => (first ? t(`${D}.or`, { first, second }) : second), "");

/**
 * A rule's name as shown: a built-in rule still under the name it shipped with reads in the reader's
 * language (`alerts.builtinRules.<id>`); a renamed or user-made rule keeps the name its author gave it.
 */
export function ruleName(t: Translate, rule: { id: string; name: string }): string {
  const shipped = BUILTIN_RULES.find((r) => r.id === rule.id);
  return shipped && shipped.name === rule.name ? t(`alerts.builtinRules.${rule.id}`) : rule.name;
}

/** What each kind watches, in a few words (the kind select of the rule form). */
export const ruleKindLabel = (t: Translate, kind: AlertRuleKind) => t(`alerts.kinds.${kind}`);

type Describe = { [K in AlertRuleKind]: (t: Translate, p: RuleParams<K>) => string };

const DESCRIBE: Describe = {
  finding: (t, p) => t(p.minSeverity === "critical" ? `${D}.findingCritical` : `${D}.findingWarning`),
  "time-wait": (t, p) =>
    joinOr(t, [
      ...(p.count !== null ? [t(`${D}.timeWaitCount`, { count: p.count })] : []),
      ...(p.percentOfBuckets !== null ? [t(`${D}.timeWaitBuckets`, { percent: p.percentOfBuckets })] : []),
    ]),
  "port-use": (t, p) => t(`${D}.portUse`, { percent: p.percent }),
  "connect-rate": (t, p) => t(`${D}.connectRate`, { percent: p.percent }),
  "tw-overflow": (t) => t(`${D}.twOverflow`),
  conntrack: (t, p) => t(`${D}.conntrack`, { percent: p.percent }),
  "host-unreachable": (t, p) => t(`${D}.hostUnreachable`, { statuses: joinOr(t, p.statuses) }),
  "host-stale": (t) => t(`${D}.hostStale`),
  "host-key-mismatch": (t) => t(`${D}.hostKeyMismatch`),
};

/** A rule's condition in words: "≥ 70 % of the local port range toward one destination". */
export function describeParams(t: Translate, rule: Pick<AlertRule, "kind" | "params">): string {
  return (DESCRIBE[rule.kind] as (t: Translate, p: unknown) => string)(t, rule.params);
}

/** The hosts a rule applies to: "all hosts", "tags edge, db", "hosts web-1, web-2". */
export function describeSelector(t: Translate, selector: HostSelector, hostName: (id: number) => string): string {
  const parts = [
    ...(selector.tags.length > 0 ? [t(`${D}.tags`, { count: selector.tags.length, names: selector.tags.join(", ") })] : []),
    ...(selector.hosts.length > 0
      ? [t(`${D}.hosts`, { count: selector.hosts.length, names: selector.hosts.map(hostName).join(", ") })]
      : []),
  ];
  return parts.length ? joinOr(t, parts) : t(`${D}.allHosts`);
}

/** "0 s" reads as "at once" for `for` (fires at the first evaluation) and "none" for a hold. */
export const describeSeconds = (format: Formatter, seconds: number, zero: string) =>
  seconds === 0 ? zero : format.duration(seconds * 1000);

/** What an alert is about beyond its rule and host: the destination, the port, or the advisor's finding, and the namespace (a pod's, a container's). */
export function alertSubject(t: Translate, alert: Pick<AlertDto, "labels">): string {
  const { destination, port, finding, namespace } = alert.labels;
  return [finding, namespace && t(`${D}.inNamespace`, { namespace }), destination && `→ ${destination}`, port && t(`${D}.port`, { port })]
    .filter(Boolean)
    .join(" ");
}
