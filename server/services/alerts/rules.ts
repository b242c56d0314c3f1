import "server-only";
import type { AlertRuleDto } from "@/lib/alerts/dto";
import { parseParams, type AlertRule, type RuleCreateInput, type RulePatchInput } from "@/lib/alerts/rule";
import { deleteRule, getRule, listRules, saveRule } from "../../db/alert-rules";
import { recordAudit } from "../../db/audit";
import { errors } from "../../errors";
import type { AppContext } from "../../context";

function openCounts({ db }: AppContext): Map<string, { pending: number; firing: number }> {
  const rows = db
    .prepare("SELECT rule_id, state, COUNT(*) AS n FROM alerts WHERE state IN ('pending', 'firing') GROUP BY rule_id, state")
    .all() as {
    rule_id: string;
    state: "pending" | "firing";
    n: number;
  }[];
  const out = new Map<string, { pending: number; firing: number }>();
  for (const r of rows) {
    const c = out.get(r.rule_id) ?? { pending: 0, firing: 0 };
    c[r.state] = r.n;
    out.set(r.rule_id, c);
  }
  return out;
}

export function listRuleDtos(ctx: AppContext): AlertRuleDto[] {
  const open = openCounts(ctx);
  return listRules(ctx.db).map((r) => ({ ...r, open: open.get(r.id) ?? { pending: 0, firing: 0 } }));
}

function requireRule(ctx: AppContext, id: string): AlertRule {
  const rule = getRule(ctx.db, id);
  if (!rule) throw errors.notFound(`alert rule ${id}`);
  return rule;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "rule";

/** A user's rule; its parameters are checked against its kind. */
export function createRule(ctx: AppContext, input: RuleCreateInput, actor: string): AlertRuleDto {
  const id = input.id ?? slug(input.name);
  if (getRule(ctx.db, id)) throw errors.conflict(`an alert rule with id ${id} exists already`);
  const rule = { ...input, id, params: parseParams(input.kind, input.params) };
  saveRule(ctx.db, rule);
  recordAudit(ctx.db, actor, "alert-rule.add", id, { kind: rule.kind, severity: rule.severity, forSeconds: rule.forSeconds });
  ctx.alerts.settingsChanged();
  return listRuleDtos(ctx).find((r) => r.id === id)!;
}

/** Tunes any rule (built-in ones too); alerts of a rule switched off resolve at its hosts' next evaluation. */
export function updateRule(ctx: AppContext, id: string, patch: RulePatchInput, actor: string): AlertRuleDto {
  const rule = requireRule(ctx, id);
  const next = { ...rule, ...patch, params: patch.params ? parseParams(rule.kind, patch.params) : rule.params };
  saveRule(ctx.db, next);
  const changed = Object.fromEntries(
    Object.keys(patch).map((k) => [k, { from: rule[k as keyof AlertRule], to: next[k as keyof AlertRule] }]),
  );
  recordAudit(ctx.db, actor, "alert-rule.edit", id, changed);
  ctx.alerts.settingsChanged();
  ctx.alerts.evaluateAll();
  return listRuleDtos(ctx).find((r) => r.id === id)!;
}

/** Deletes a user's rule and its alerts; a built-in rule can only be switched off. */
export function removeRule(ctx: AppContext, id: string, actor: string): void {
  const rule = requireRule(ctx, id);
  if (rule.builtin) throw errors.conflict(`${id} is built in: switch it off instead`);
  deleteRule(ctx.db, id);
  recordAudit(ctx.db, actor, "alert-rule.remove", id, { kind: rule.kind });
  ctx.alerts.settingsChanged();
}
