import "server-only";
import type { StoredAnnotations } from "@/lib/alerts/annotations";
import type { AlertEpisode, AlertState } from "@/lib/alerts/state-machine";
import type { Db } from "./db";

/** One episode of one alert (rule, host, subject): from pending, through firing, to resolved. */
export interface AlertRecord extends AlertEpisode {
  id: number;
  ruleId: string;
  hostId: number;
  subject: string;
  severity: string;
  labels: Record<string, string>;
  /** Summary and evidence as data (rendered when read), rule name and host page URL. */
  annotations: StoredAnnotations;
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
    annotations: JSON.parse(r.annotations) as StoredAnnotations,
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
export async function latestEpisodes(db: Db, hostId: number, resolvedSince: number): Promise<Map<string, AlertRecord>> {
  const rows = await db.all<AlertRow>("SELECT * FROM alerts WHERE host_id = ? AND (state != 'resolved' OR resolved_at >= ?) ORDER BY id", [
    hostId,
    resolvedSince,
  ]);
  return new Map(rows.map((r) => [alertKey(r.rule_id, r.subject), fromRow(r)]));
}

export type NewAlert = Omit<AlertRecord, "id">;

export async function insertAlert(db: Db, a: NewAlert): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO alerts (rule_id, host_id, subject, state, severity, labels, annotations, value, pending_since, firing_since, resolved_at, last_eval_at, notified)
     VALUES (@ruleId, @hostId, @subject, @state, @severity, @labels, @annotations, @value, @pendingSince, @firingSince, @resolvedAt, @lastEvalAt, @notified)
     RETURNING id`,
    { ...a, labels: JSON.stringify(a.labels), annotations: JSON.stringify(a.annotations) },
  );
  return row!.id;
}

/** Writes an episode's state, what the last evaluation saw, and what was last notified. */
export async function updateAlert(db: Db, a: AlertRecord): Promise<void> {
  await db.run(
    `UPDATE alerts SET state = @state, severity = @severity, labels = @labels, annotations = @annotations, value = @value,
       pending_since = @pendingSince, firing_since = @firingSince, resolved_at = @resolvedAt, last_eval_at = @lastEvalAt, notified = @notified
     WHERE id = @id`,
    { ...a, labels: JSON.stringify(a.labels), annotations: JSON.stringify(a.annotations) },
  );
}

/** Records that an unchanged alert was evaluated at `at`. */
export async function touchAlert(db: Db, id: number, at: number): Promise<void> {
  await db.run("UPDATE alerts SET last_eval_at = ? WHERE id = ?", [at, id]);
}

/** Drops a pending episode that ended before it fired. */
export async function deleteAlert(db: Db, id: number): Promise<void> {
  await db.run("DELETE FROM alerts WHERE id = ?", [id]);
}

export interface AlertWithHost extends AlertRecord {
  hostName: string;
}

const WITH_HOST = "SELECT alerts.*, hosts.name AS host_name FROM alerts JOIN hosts ON hosts.id = alerts.host_id";
const withHost = (r: AlertRow & { host_name: string }): AlertWithHost => ({ ...fromRow(r), hostName: r.host_name });

/** Pending and firing alerts, firing first, then by severity and age; of one host when `hostId` is given. */
export async function openAlerts(db: Db, hostId?: number): Promise<AlertWithHost[]> {
  type Row = AlertRow & { host_name: string };
  const rows =
    hostId === undefined
      ? await db.all<Row>(`${WITH_HOST} WHERE alerts.state IN ('pending', 'firing')`)
      : await db.all<Row>(`${WITH_HOST} WHERE alerts.state IN ('pending', 'firing') AND alerts.host_id = ?`, [hostId]);
  const rank = (a: AlertRecord) => (a.state === "firing" ? 0 : 1) * 10 + (a.severity === "critical" ? 0 : 1);
  return rows.map(withHost).sort((a, b) => rank(a) - rank(b) || a.pendingSince - b.pendingSince || a.id - b.id);
}

/** Episodes that fired (firing now or resolved), newest first, `limit` at a time below id `before`. */
export async function alertHistory(db: Db, o: { limit: number; before?: number; hostId?: number }): Promise<AlertWithHost[]> {
  const ofHost = o.hostId === undefined ? "" : "AND alerts.host_id = @hostId";
  const rows = await db.all<AlertRow & { host_name: string }>(
    `${WITH_HOST} WHERE alerts.firing_since IS NOT NULL AND alerts.id < @before ${ofHost} ORDER BY alerts.id DESC LIMIT @limit`,
    { before: o.before ?? Number.MAX_SAFE_INTEGER, limit: o.limit, ...(o.hostId === undefined ? {} : { hostId: o.hostId }) },
  );
  return rows.map(withHost);
}

export async function getAlert(db: Db, id: number): Promise<AlertWithHost | null> {
  const row = await db.get<AlertRow & { host_name: string }>(`${WITH_HOST} WHERE alerts.id = ?`, [id]);
  return row ? withHost(row) : null;
}
