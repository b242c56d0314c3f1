import "server-only";
import { BUILTIN_RULES } from "@/lib/alerts/builtin-rules";
import { parseParams, selectorSchema, type AlertRule, type AlertRuleKind, type AlertSeverity } from "@/lib/alerts/rule";
import type { Db } from "./open-database";
import { statement } from "./statements";

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
export function ensureBuiltinRules(db: Db, now = Date.now()): void {
  const insert = db.prepare(`INSERT OR IGNORE INTO alert_rules
    (id, kind, name, enabled, severity, for_seconds, hold_seconds, params, selector, builtin, created_at, updated_at)
    VALUES (@id, @kind, @name, 1, @severity, @forSeconds, @holdSeconds, @params, @selector, 1, @now, @now)`);
  db.transaction(() => {
    for (const r of BUILTIN_RULES) insert.run({ ...r, params: JSON.stringify(r.params), selector: JSON.stringify(r.selector), now });
  })();
}

/** Every rule, built-in ones first in their shipped order, then the users' by name. */
export function listRules(db: Db): AlertRule[] {
  const rows = statement(db, "SELECT * FROM alert_rules").all() as RuleRow[];
  const order = new Map(BUILTIN_RULES.map((r, i) => [r.id, i]));
  const rank = (r: RuleRow) => order.get(r.id) ?? BUILTIN_RULES.length;
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).map(fromRow);
}

export function getRule(db: Db, id: string): AlertRule | null {
  const row = statement(db, "SELECT * FROM alert_rules WHERE id = ?").get(id) as RuleRow | undefined;
  return row ? fromRow(row) : null;
}

/** Stores a rule whole (a new one, or every field of an existing one); `builtin` is kept as it was. */
export function saveRule(db: Db, rule: Omit<AlertRule, "builtin">, now = Date.now()): void {
  db.prepare(
    `INSERT INTO alert_rules (id, kind, name, enabled, severity, for_seconds, hold_seconds, params, selector, builtin, created_at, updated_at)
     VALUES (@id, @kind, @name, @enabled, @severity, @forSeconds, @holdSeconds, @params, @selector, 0, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, severity = excluded.severity,
       for_seconds = excluded.for_seconds, hold_seconds = excluded.hold_seconds, params = excluded.params,
       selector = excluded.selector, updated_at = excluded.updated_at`,
  ).run({
    ...rule,
    enabled: rule.enabled ? 1 : 0,
    params: JSON.stringify(rule.params),
    selector: JSON.stringify(rule.selector),
    now,
  });
}

/** Deletes a user's rule and its alerts; built-in rules cannot be deleted (only disabled). Returns whether one was. */
export function deleteRule(db: Db, id: string): boolean {
  return db.prepare("DELETE FROM alert_rules WHERE id = ? AND builtin = 0").run(id).changes > 0;
}
