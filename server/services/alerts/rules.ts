import "server-only";
import type { AlertRuleDto } from "@/lib/alerts/dto";
import { parseParams, type AlertRule, type RuleCreateInput, type RulePatchInput } from "@/lib/alerts/rule";
import { deleteRule, getRule, listRules, saveRule } from "../../db/alert-rules";
import { recordAudit } from "../../db/audit";
import { errors, thing } from "../../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../../context";

async function openCounts({ db }: AppContext): Promise<Map<string, { pending: number; firing: number }>> {
  const rows = await db.all<{ rule_id: string; state: "pending" | "firing"; n: number }>(
    "SELECT rule_id, state, COUNT(*) AS n FROM alerts WHERE state IN ('pending', 'firing') GROUP BY rule_id, state",
  );
  const out = new Map<string, { pending: number; firing: number }>();
  for (const r of rows) {
    const c = out.get(r.rule_id) ?? { pending: 0, firing: 0 };
    c[r.state] = r.n;
    out.set(r.rule_id, c);
  }
  return out;
}

export async function listRuleDtos(ctx: AppContext): Promise<AlertRuleDto[]> {
  const open = await openCounts(ctx);
  return (await listRules(ctx.db)).map((r) => ({ ...r, open: open.get(r.id) ?? { pending: 0, firing: 0 } }));
}

async function requireRule(ctx: AppContext, id: string): Promise<AlertRule> {
  const rule = await getRule(ctx.db, id);
  if (!rule) throw errors.notFound(thing("alert rule", id));
  return rule;
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "rule";

/** A user's rule; its parameters are checked against its kind. */
export async function createRule(ctx: AppContext, input: RuleCreateInput, actor: string): Promise<AlertRuleDto> {
  const id = input.id ?? slug(input.name);
  if (await getRule(ctx.db, id)) throw errors.conflict(msg("errors.ruleExists", { id }));
  const rule = { ...input, id, params: parseParams(input.kind, input.params) };
  await saveRule(ctx.db, rule);
  await recordAudit(ctx.db, actor, "alert-rule.add", id, { kind: rule.kind, severity: rule.severity, forSeconds: rule.forSeconds });
  ctx.alerts.settingsChanged();
  return (await listRuleDtos(ctx)).find((r) => r.id === id)!;
}

/** Tunes any rule (built-in ones too); alerts of a rule switched off resolve at its hosts' next evaluation. */
export async function updateRule(ctx: AppContext, id: string, patch: RulePatchInput, actor: string): Promise<AlertRuleDto> {
  const rule = await requireRule(ctx, id);
  const next = { ...rule, ...patch, params: patch.params ? parseParams(rule.kind, patch.params) : rule.params };
  await saveRule(ctx.db, next);
  const changed = Object.fromEntries(
    Object.keys(patch).map((k) => [k, { from: rule[k as keyof AlertRule], to: next[k as keyof AlertRule] }]),
  );
  await recordAudit(ctx.db, actor, "alert-rule.edit", id, changed);
  ctx.alerts.settingsChanged();
  await ctx.alerts.evaluateAll();
  return (await listRuleDtos(ctx)).find((r) => r.id === id)!;
}

/** Deletes a user's rule and its alerts; a built-in rule can only be switched off. */
export async function removeRule(ctx: AppContext, id: string, actor: string): Promise<void> {
  const rule = await requireRule(ctx, id);
  if (rule.builtin) throw errors.conflict(msg("errors.ruleBuiltIn", { id }));
  await deleteRule(ctx.db, id);
  await recordAudit(ctx.db, actor, "alert-rule.remove", id, { kind: rule.kind });
  ctx.alerts.settingsChanged();
}
