import { z } from "zod";
import { HOST_STATUSES } from "../types";

/** What an alert rule watches. Each kind has its own parameters (`RULE_PARAMS`). */
export const ALERT_RULE_KINDS = [
  "finding",
  "time-wait",
  "port-use",
  "connect-rate",
  "tw-overflow",
  "conntrack",
  "host-unreachable",
  "host-stale",
  "host-key-mismatch",
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ["warning", "critical"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const percent = z.number().gt(0).max(100);

/** The parameters of each kind, as stored and as the API takes them. */
export const RULE_PARAMS = {
  /** Every advisor finding of `minSeverity` or worse; the alert takes the finding's severity. */
  finding: z.object({ minSeverity: z.enum(ALERT_SEVERITIES).default("warning") }),
  /** TIME_WAIT at `count` or more, or at `percentOfBuckets` % or more of tcp_max_tw_buckets (either set one fires). */
  "time-wait": z
    .object({ count: z.number().int().positive().nullable().default(null), percentOfBuckets: percent.nullable().default(null) })
    .refine((p) => p.count !== null || p.percentOfBuckets !== null, "set a count, a percentage of tcp_max_tw_buckets, or both"),
  /** TIME_WAIT toward one destination at `percent` % or more of ip_local_port_range. */
  "port-use": z.object({ percent: percent.default(70) }),
  /** New connections toward one destination at `percent` % or more of what the range sustains (range size / 60 s). */
  "connect-rate": z.object({ percent: percent.default(80) }),
  /** TcpExt.TCPTimeWaitOverflow went up since the sample before. */
  "tw-overflow": z.object({}),
  /** nf_conntrack_count at `percent` % or more of nf_conntrack_max. */
  conntrack: z.object({ percent: percent.default(80) }),
  /** The last poll ended in one of `statuses`. */
  "host-unreachable": z.object({
    statuses: z
      .array(z.enum(HOST_STATUSES).exclude(["ok", "pending", "host-key-mismatch", "host-key-unknown"]))
      .min(1)
      .default(["unreachable", "timeout"]),
  }),
  /** The newest sample is older than 3 poll intervals. */
  "host-stale": z.object({}),
  /** The host offered a key other than the pinned one. */
  "host-key-mismatch": z.object({}),
} satisfies Record<AlertRuleKind, z.ZodType>;

export type RuleParams<K extends AlertRuleKind> = z.output<(typeof RULE_PARAMS)[K]>;

/** Which hosts a rule applies to: all when both lists are empty; else hosts named in `hosts` or carrying one of `tags`. */
export const selectorSchema = z.object({
  hosts: z.array(z.number().int().positive()).max(1000).default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type HostSelector = z.output<typeof selectorSchema>;

/** An alert rule, stored as data: built-in ones ship enabled and can be tuned or switched off, not deleted. */
export interface AlertRule<K extends AlertRuleKind = AlertRuleKind> {
  id: string;
  kind: K;
  name: string;
  enabled: boolean;
  /** The alert's severity; for "finding", the least severe finding that raises one (the alert takes the finding's). */
  severity: AlertSeverity;
  /** How long the condition must hold before pending turns to firing. */
  forSeconds: number;
  /** How long a resolved alert stays resolved before it may go pending again (flap damping). */
  holdSeconds: number;
  params: RuleParams<K>;
  selector: HostSelector;
  builtin: boolean;
}

export interface SelectableHost {
  id: number;
  tags: readonly string[];
}

export function selects(selector: HostSelector, host: SelectableHost): boolean {
  if (selector.hosts.length === 0 && selector.tags.length === 0) return true;
  return selector.hosts.includes(host.id) || selector.tags.some((t) => host.tags.includes(t));
}

/** Parses stored or submitted parameters for a kind; throws a ZodError when they do not fit. */
export function parseParams<K extends AlertRuleKind>(kind: K, params: unknown): RuleParams<K> {
  return RULE_PARAMS[kind].parse(params ?? {}) as RuleParams<K>;
}

const ruleFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
  severity: z.enum(ALERT_SEVERITIES),
  forSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
  holdSeconds: z.number().int().min(0).max(86_400),
  /** Checked against the kind's own schema (`parseParams`) once the kind is known. */
  params: z.record(z.string(), z.unknown()),
  selector: selectorSchema,
};

/** A new rule, as the API takes it; its id comes from its name unless given. */
export const ruleCreateSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and - only")
      .optional(),
    kind: z.enum(ALERT_RULE_KINDS),
    ...ruleFields,
    enabled: ruleFields.enabled.default(true),
    holdSeconds: ruleFields.holdSeconds.default(300),
    params: ruleFields.params.default({}),
    selector: selectorSchema.default({ hosts: [], tags: [] }),
  })
  .strict();
export type RuleCreateInput = z.output<typeof ruleCreateSchema>;

/** An edit of a rule: any field but its id and kind. */
export const rulePatchSchema = z.object(ruleFields).partial().strict();
export type RulePatchInput = z.output<typeof rulePatchSchema>;
