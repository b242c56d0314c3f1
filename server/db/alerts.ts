import "server-only";
import type { AlertEpisode, AlertState } from "@/lib/alerts/state-machine";
import type { Db } from "./open-database";
import { statement } from "./statements";

/** One episode of one alert (rule, host, subject): from pending, through firing, to resolved. */
export interface AlertRecord extends AlertEpisode {
  id: number;
  ruleId: string;
  hostId: number;
  subject: string;
  severity: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  value: number | null;
  lastEvalAt: number;
  /** The last state handed to the notifier: a restart does not notify it again. */
  notified: "firing" | "resolved" | null;
}

interface AlertRow {
  id: number;
  rule_id: string;
  host_id: number;
  subject: string;
  state: AlertState;
  severity: string;
  labels: string;
  annotations: string;
  value: number | null;
  pending_since: number;
  firing_since: number | null;
  resolved_at: number | null;
  last_eval_at: number;
  notified: "firing" | "resolved" | null;
}

function fromRow(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    ruleId: r.rule_id,
    hostId: r.host_id,
    subject: r.subject,
    state: r.state,
    severity: r.severity,
    labels: JSON.parse(r.labels) as Record<string, string>,
    annotations: JSON.parse(r.annotations) as Record<string, string>,
    value: r.value,
    pendingSince: r.pending_since,
    firingSince: r.firing_since,
    resolvedAt: r.resolved_at,
    lastEvalAt: r.last_eval_at,
    notified: r.notified,
  };
}

export const alertKey = (ruleId: string, subject: string) => `${ruleId}\u0000${subject}`;

/**
 * A host's alerts as the evaluator needs them, by `alertKey`: each key's latest episode, open
 * (pending or firing) or resolved at or after `resolvedSince` (still within a hold time).
 */
export function latestEpisodes(db: Db, hostId: number, resolvedSince: number): Map<string, AlertRecord> {
  const rows = statement(db, "SELECT * FROM alerts WHERE host_id = ? AND (state != 'resolved' OR resolved_at >= ?) ORDER BY id").all(
    hostId,
    resolvedSince,
  ) as AlertRow[];
  return new Map(rows.map((r) => [alertKey(r.rule_id, r.subject), fromRow(r)]));
}

export type NewAlert = Omit<AlertRecord, "id">;

export function insertAlert(db: Db, a: NewAlert): number {
  return Number(
    statement(
      db,
      `INSERT INTO alerts (rule_id, host_id, subject, state, severity, labels, annotations, value, pending_since, firing_since, resolved_at, last_eval_at, notified)
       VALUES (@ruleId, @hostId, @subject, @state, @severity, @labels, @annotations, @value, @pendingSince, @firingSince, @resolvedAt, @lastEvalAt, @notified)`,
    ).run({ ...a, labels: JSON.stringify(a.labels), annotations: JSON.stringify(a.annotations) }).lastInsertRowid,
  );
}

/** Writes an episode's state, what the last evaluation saw, and what was last notified. */
export function updateAlert(db: Db, a: AlertRecord): void {
  statement(
    db,
    `UPDATE alerts SET state = @state, severity = @severity, labels = @labels, annotations = @annotations, value = @value,
       pending_since = @pendingSince, firing_since = @firingSince, resolved_at = @resolvedAt, last_eval_at = @lastEvalAt, notified = @notified
     WHERE id = @id`,
  ).run({ ...a, labels: JSON.stringify(a.labels), annotations: JSON.stringify(a.annotations) });
}

/** Records that an unchanged alert was evaluated at `at`. */
export function touchAlert(db: Db, id: number, at: number): void {
  statement(db, "UPDATE alerts SET last_eval_at = ? WHERE id = ?").run(at, id);
}

/** Drops a pending episode that ended before it fired. */
export function deleteAlert(db: Db, id: number): void {
  statement(db, "DELETE FROM alerts WHERE id = ?").run(id);
}

export interface AlertWithHost extends AlertRecord {
  hostName: string;
}

const WITH_HOST = "SELECT alerts.*, hosts.name AS host_name FROM alerts JOIN hosts ON hosts.id = alerts.host_id";
const withHost = (r: AlertRow & { host_name: string }): AlertWithHost => ({ ...fromRow(r), hostName: r.host_name });

/** Pending and firing alerts, firing first, then by severity and age; of one host when `hostId` is given. */
export function openAlerts(db: Db, hostId?: number): AlertWithHost[] {
  const rows = (
    hostId === undefined
      ? statement(db, `${WITH_HOST} WHERE alerts.state IN ('pending', 'firing')`).all()
      : statement(db, `${WITH_HOST} WHERE alerts.state IN ('pending', 'firing') AND alerts.host_id = ?`).all(hostId)
  ) as (AlertRow & { host_name: string })[];
  const rank = (a: AlertRecord) => (a.state === "firing" ? 0 : 1) * 10 + (a.severity === "critical" ? 0 : 1);
  return rows.map(withHost).sort((a, b) => rank(a) - rank(b) || a.pendingSince - b.pendingSince);
}

/** Episodes that fired (firing now or resolved), newest first, `limit` at a time below id `before`. */
export function alertHistory(db: Db, o: { limit: number; before?: number; hostId?: number }): AlertWithHost[] {
  const rows = db
    .prepare(
      `${WITH_HOST} WHERE alerts.firing_since IS NOT NULL AND alerts.id < @before AND (@hostId IS NULL OR alerts.host_id = @hostId)
       ORDER BY alerts.id DESC LIMIT @limit`,
    )
    .all({ before: o.before ?? Number.MAX_SAFE_INTEGER, hostId: o.hostId ?? null, limit: o.limit }) as (AlertRow & { host_name: string })[];
  return rows.map(withHost);
}

export function getAlert(db: Db, id: number): AlertWithHost | null {
  const row = db.prepare(`${WITH_HOST} WHERE alerts.id = ?`).get(id) as (AlertRow & { host_name: string }) | undefined;
  return row ? withHost(row) : null;
}
