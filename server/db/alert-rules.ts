import "server-only";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { parseParams, selectorSchema, type AlertRule, type AlertRuleKind, type AlertSeverity } from "@/lib/alerts/rule";
import type { Db } from "./db";

interface RuleRow {
  id: string;
  kind: AlertRuleKind;
  name: string;
  enabled: number;
  severity: AlertSeverity;
  for_seconds: number;
  hold_seconds: number;
  params: string;
  selector: string;
  builtin: number;
}

function fromRow(r: RuleRow): AlertRule {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    enabled: r.enabled === 1,
    severity: r.severity,
    forSeconds: r.for_seconds,
    holdSeconds: r.hold_seconds,
    params: parseParams(r.kind, JSON.parse(r.params)),
    selector: selectorSchema.parse(JSON.parse(r.selector)),
    builtin: r.builtin === 1,
  };
}

/** Adds the built-in rules a database lacks (a new release may ship more); rules already there keep their tuning. */
export async function ensureBuiltinRules(db: Db, now = Date.now()): Promise<void> {
  const insert = `INSERT INTO alert_rules
    (id, kind, name, enabled, severity, for_seconds, hold_seconds, params, selector, builtin, created_at, updated_at)
    VALUES (@id, @kind, @name, 1, @severity, @forSeconds, @holdSeconds, @params, @selector, 1, @now, @now)
    ON CONFLICT (id) DO NOTHING`;
  await db.tx(async (t) => {
    for (const r of BUILTIN_RULES)
      await t.run(insert, { ...r, params: JSON.stringify(r.params), selector: JSON.stringify(r.selector), now });
  });
}

/** Every rule, built-in ones first in their shipped order, then the users' by name. */
export async function listRules(db: Db): Promise<AlertRule[]> {
  const rows = await db.all<RuleRow>("SELECT * FROM alert_rules");
  const order = new Map(BUILTIN_RULES.map((r, i) => [r.id, i]));
  const rank = (r: RuleRow) => order.get(r.id) ?? BUILTIN_RULES.length;
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).map(fromRow);
}

export async function getRule(db: Db, id: string): Promise<AlertRule | null> {
  const row = await db.get<RuleRow>("SELECT * FROM alert_rules WHERE id = ?", [id]);
  return row ? fromRow(row) : null;
}

/** Stores a rule whole (a new one, or every field of an existing one); `builtin` is kept as it was. */
export async function saveRule(db: Db, rule: Omit<AlertRule, "builtin">, now = Date.now()): Promise<void> {
  await db.run(
    `INSERT INTO alert_rules (id, kind, name, enabled, severity, for_seconds, hold_seconds, params, selector, builtin, created_at, updated_at)
     VALUES (@id, @kind, @name, @enabled, @severity, @forSeconds, @holdSeconds, @params, @selector, 0, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, severity = excluded.severity,
       for_seconds = excluded.for_seconds, hold_seconds = excluded.hold_seconds, params = excluded.params,
       selector = excluded.selector, updated_at = excluded.updated_at`,
    {
      ...rule,
      enabled: rule.enabled ? 1 : 0,
      params: JSON.stringify(rule.params),
      selector: JSON.stringify(rule.selector),
      now,
    },
  );
}

/** Deletes a user's rule and its alerts; built-in rules cannot be deleted (only disabled). Returns whether one was. */
export async function deleteRule(db: Db, id: string): Promise<boolean> {
  return (await db.run("DELETE FROM alert_rules WHERE id = ? AND builtin = 0", [id])) > 0;
}
