import type { AlertRule, AlertRuleKind, RuleParams } from "./rule";

const everyHost = { hosts: [], tags: [] };

function builtin<K extends AlertRuleKind>(
  id: string,
  kind: K,
  name: string,
  severity: AlertRule["severity"],
  forSeconds: number,
  params: RuleParams<K>,
): AlertRule<K> {
  return { id, kind, name, enabled: true, severity, forSeconds, holdSeconds: 300, params, selector: everyHost, builtin: true };
}

/**
 * The rules twscope ships, enabled. Ids are stable (they are the alerts' `alertname`); thresholds
 * sit below the advisor's own where a warning ahead of the finding helps (port use at 70 % of the
 * range, before client-port-exhaustion's 50 %-of-range finding turns critical at 90 %).
 */
export const BUILTIN_RULES: readonly AlertRule[] = [
  builtin("advisor-finding", "finding", "Advisor finding (warning or critical)", "warning", 60, { minSeverity: "warning" }),
  builtin("time-wait-high", "time-wait", "TIME_WAIT near tcp_max_tw_buckets", "warning", 120, { count: null, percentOfBuckets: 80 }),
  builtin("destination-port-use", "port-use", "Local ports toward one destination running out", "critical", 60, { percent: 70 }),
  builtin(
    "destination-connect-rate",
    "connect-rate",
    "New connections toward one destination near what the range sustains",
    "warning",
    120,
    {
      percent: 80,
    },
  ),
  builtin("tw-overflow", "tw-overflow", "TIME_WAIT sockets dropped (TCPTimeWaitOverflow rising)", "warning", 0, {}),
  builtin("conntrack-high", "conntrack", "Conntrack table near full", "warning", 120, { percent: 80 }),
  builtin("host-unreachable", "host-unreachable", "Host unreachable", "critical", 300, { statuses: ["unreachable", "timeout"] }),
  builtin("host-stale", "host-stale", "Host data stale", "warning", 300, {}),
  builtin("host-key-mismatch", "host-key-mismatch", "Host key changed", "critical", 0, {}),
];
