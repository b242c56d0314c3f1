import { formatCount } from "../format/number";
import { formatDuration } from "../format/time";
import type { AlertDto } from "./dto";
import type { AlertRule, AlertRuleKind, HostSelector, RuleParams } from "./rule";

/** What each kind watches, in a few words (the kind select of the rule form). */
export const RULE_KIND_LABELS: Record<AlertRuleKind, string> = {
  finding: "advisor finding",
  "time-wait": "TIME_WAIT count",
  "port-use": "local ports toward one destination",
  "connect-rate": "new connections toward one destination",
  "tw-overflow": "TIME_WAIT overflow",
  conntrack: "conntrack table",
  "host-unreachable": "host unreachable",
  "host-stale": "host data stale",
  "host-key-mismatch": "host key changed",
};

type Describe = { [K in AlertRuleKind]: (p: RuleParams<K>) => string };

const DESCRIBE: Describe = {
  finding: (p) => (p.minSeverity === "critical" ? "a critical advisor finding" : "an advisor finding of warning or worse"),
  "time-wait": (p) =>
    [
      p.count !== null && `TIME_WAIT ≥ ${formatCount(p.count)}`,
      p.percentOfBuckets !== null && `≥ ${p.percentOfBuckets} % of tcp_max_tw_buckets`,
    ]
      .filter(Boolean)
      .join(" or "),
  "port-use": (p) => `≥ ${p.percent} % of the local port range toward one destination`,
  "connect-rate": (p) => `new connections toward one destination ≥ ${p.percent} % of what the local port range sustains`,
  "tw-overflow": () => "TCPTimeWaitOverflow rising: TIME_WAIT sockets dropped",
  conntrack: (p) => `nf_conntrack_count ≥ ${p.percent} % of nf_conntrack_max`,
  "host-unreachable": (p) => `the last poll ended ${p.statuses.join(" or ")}`,
  "host-stale": () => "the newest sample is older than 3 poll intervals",
  "host-key-mismatch": () => "the host offered a key other than the pinned one",
};

/** A rule's condition in words: "≥ 70 % of the local port range toward one destination". */
export function describeParams(rule: Pick<AlertRule, "kind" | "params">): string {
  return (DESCRIBE[rule.kind] as (p: unknown) => string)(rule.params);
}

/** The hosts a rule applies to: "all hosts", "tags edge, db", "hosts web-1, web-2". */
export function describeSelector(selector: HostSelector, hostName: (id: number) => string): string {
  const parts = [
    selector.tags.length > 0 && `tag${selector.tags.length > 1 ? "s" : ""} ${selector.tags.join(", ")}`,
    selector.hosts.length > 0 && `host${selector.hosts.length > 1 ? "s" : ""} ${selector.hosts.map(hostName).join(", ")}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" or ") : "all hosts";
}

/** "0 s" reads as "at once" for `for` (fires at the first evaluation) and "none" for a hold. */
export const describeSeconds = (seconds: number, zero: string) => (seconds === 0 ? zero : formatDuration(seconds * 1000));

/** What an alert is about beyond its rule and host: the destination, the port, or the advisor's finding, and the namespace (a pod's, a container's). */
export function alertSubject(alert: Pick<AlertDto, "labels">): string {
  const { destination, port, finding, namespace } = alert.labels;
  return [finding, namespace && `in ${namespace}`, destination && `→ ${destination}`, port && `port ${port}`].filter(Boolean).join(" ");
}
