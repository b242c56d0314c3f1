import "server-only";
import type { AuditEntryDto } from "@/lib/auth/types";
import type { Db } from "./db";

/** Appends one admin action. `details` must never hold a secret: names, ids and fingerprints only. */
export async function recordAudit(
  db: Db,
  actor: string,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  now = Date.now(),
): Promise<void> {
  await db.run("INSERT INTO audit_log (ts, actor, action, target, details) VALUES (?, ?, ?, ?, ?)", [
    now,
    actor,
    action,
    target,
    details ? JSON.stringify(details) : null,
  ]);
}

interface AuditRow {
  id: number;
  ts: number;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

/** Newest first, `limit` at a time, continuing below `before` (an id) when given. */
export async function listAudit(db: Db, limit: number, before?: number): Promise<AuditEntryDto[]> {
  const rows = await db.all<AuditRow>("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?", [
    before ?? Number.MAX_SAFE_INTEGER,
    limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    at: r.ts,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  }));
}
