import { STALE_AFTER_INTERVALS } from "../host/freshness";
import { msg, renderText, type Message, type Translate } from "../i18n/message";
import type { AlertRule, AlertRuleKind, RuleParams } from "./rule";

/** What a rule's PromQL needs beyond the rule: host names for a host selector, the poll interval for staleness. */
export interface ExportContext {
  hostNames: ReadonlyMap<number, string>;
  pollIntervalSeconds: number;
}

type Expr<K extends AlertRuleKind> = (params: RuleParams<K>, x: ExportContext) => { expr: string; summary: Message };

/**
 * An alert summary in the file's language (`notify.export.*`), around the Prometheus template parts it
 * fills in when the alert fires: those are values, so the catalogue never holds `{{ }}`.
 */
const HOST = "{{ $labels.host }}";
const DESTINATION = "{{ $labels.destination }}";
const PERCENT = '{{ printf "%.0f" $value }}';
const summary = (key: string, values: Record<string, string> = {}) => msg(`notify.export.${key}`, { host: HOST, ...values });

const sysctl = (name: string) => `twscope_sysctl{name="${name}"}`;
// Sysctl gauges carry the name label; drop it so that they divide series with only a host label.
const bySysctl = (name: string) => `max by (host) (${sysctl(name)})`;

/** The PromQL of each kind over twscope's /metrics (README "Prometheus and Grafana" lists the metrics). */
const EXPRESSIONS: { [K in AlertRuleKind]: Expr<K> } = {
  finding: (p) => ({
    expr: `twscope_finding{severity=~"${p.minSeverity === "critical" ? "critical" : "warning|critical"}"} == 1`,
    summary: summary("finding", { finding: "{{ $labels.finding }}", severity: "{{ $labels.severity }}" }),
  }),
  "time-wait": (p) => {
    const parts = [
      ...(p.count !== null ? [`twscope_time_wait >= ${p.count}`] : []),
      ...(p.percentOfBuckets !== null
        ? [`twscope_time_wait / on (host) ${bySysctl("net.ipv4.tcp_max_tw_buckets")} * 100 >= ${p.percentOfBuckets}`]
        : []),
    ];
    return { expr: parts.join(" or "), summary: summary("timeWait", { value: "{{ $value }}" }) };
  },
  "port-use": (p) => ({
    expr: `(1 - twscope_destination_port_headroom_ratio) * 100 >= ${p.percent}`,
    summary: summary("portUse", { destination: DESTINATION, percent: PERCENT }),
  }),
  "connect-rate": (p) => ({
    // count / TIME_WAIT length is the connection rate; against range / 60 s it is count / range × 60 / length.
    expr: `twscope_destination_time_wait * 60 * 100 / on (host) group_left () (twscope_time_wait_length_seconds * twscope_port_range_size) >= ${p.percent}`,
    summary: summary("connectRate", { destination: DESTINATION, percent: PERCENT }),
  }),
  "tw-overflow": () => ({
    expr: "increase(twscope_tcpext_tcp_time_wait_overflow_total[5m]) > 0",
    summary: summary("twOverflow"),
  }),
  conntrack: (p) => ({
    expr: `${bySysctl("net.netfilter.nf_conntrack_count")} / on (host) ${bySysctl("net.netfilter.nf_conntrack_max")} * 100 >= ${p.percent}`,
    summary: summary("conntrack", { percent: PERCENT }),
  }),
  "host-unreachable": (p) => ({
    expr: `twscope_host_status{status=~"${p.statuses.join("|")}"} == 1`,
    summary: summary("hostUnreachable", { status: "{{ $labels.status }}" }),
  }),
  "host-stale": (_p, x) => ({
    expr: `twscope_sample_age_seconds > ${STALE_AFTER_INTERVALS * x.pollIntervalSeconds}`,
    summary: summary("hostStale"),
  }),
  "host-key-mismatch": () => ({
    expr: 'twscope_host_status{status="host-key-mismatch"} == 1',
    summary: summary("hostKeyMismatch"),
  }),
};

// A regex alternation inside a PromQL string: the regex's backslash is itself escaped in the string.
const regexOf = (values: readonly string[]) => values.map((v) => v.replace(/[\\.^$|?*+()[\]{}]/g, "\\\\$&")).join("|");

/** A rule's expression with its selector applied: hosts by name, tags through twscope_host_tag. */
export function ruleExpression(rule: AlertRule, x: ExportContext): { expr: string; summary: Message } {
  const base = (EXPRESSIONS[rule.kind] as Expr<AlertRuleKind>)(rule.params, x);
  const scopes: string[] = [];
  const names = rule.selector.hosts.map((id) => x.hostNames.get(id)).filter((n): n is string => n !== undefined);
  if (names.length > 0) scopes.push(`twscope_host_up{host=~"${regexOf(names)}"}`);
  if (rule.selector.tags.length > 0) scopes.push(`twscope_host_tag{tag=~"${regexOf(rule.selector.tags)}"}`);
  if (scopes.length === 0) return base;
  return { ...base, expr: `(${base.expr}) and on (host) (${scopes.join(" or ")})` };
}

/** YAML double-quoted scalar. */
const quote = (s: string) => JSON.stringify(s);

/**
 * The enabled rules as a Prometheus alerting rules file (`promtool check rules` accepts it): same
 * alert names, `for` and severities as twscope's own evaluation, over the metrics /metrics exports,
 * with the summaries in the language `t` speaks (names, labels and expressions are the same in every one).
 */
export function prometheusRulesFile(rules: readonly AlertRule[], x: ExportContext, t: Translate): string {
  const lines = [
    "# Alerting rules for Prometheus over twscope's /metrics, written by `twscope rules export`.",
    "# The same alert names, for durations and severities as twscope's own alerts. Check with: promtool check rules FILE",
    "groups:",
    "  - name: twscope",
    "    rules:",
  ];
  for (const rule of rules.filter((r) => r.enabled)) {
    const { expr, summary } = ruleExpression(rule, x);
    lines.push(
      `      - alert: ${rule.id}`,
      `        expr: ${quote(expr)}`,
      `        for: ${rule.forSeconds}s`,
      "        labels:",
      ...(rule.kind === "finding" ? [] : [`          severity: ${rule.severity}`]),
      "          source: twscope",
      "        annotations:",
      `          summary: ${quote(renderText(t, summary))}`,
      `          rule: ${quote(rule.name)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
