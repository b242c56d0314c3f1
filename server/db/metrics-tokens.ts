import "server-only";
import type { MetricsTokenDto } from "@/lib/metrics/tokens";
import type { Db } from "./open-database";

interface TokenRow {
  id: number;
  name: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
}

// Never the hash: rows read here reach the API.
const COLUMNS = "id, name, created_by, created_at, last_used_at";

const fromRow = (r: TokenRow): MetricsTokenDto => ({
  id: r.id,
  name: r.name,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export function listMetricsTokens(db: Db): MetricsTokenDto[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM metrics_tokens ORDER BY name`).all() as TokenRow[]).map(fromRow);
}

export function getMetricsToken(db: Db, id: number): MetricsTokenDto | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM metrics_tokens WHERE id = ?`).get(id) as TokenRow | undefined;
  return row ? fromRow(row) : null;
}

export function getMetricsTokenByName(db: Db, name: string): MetricsTokenDto | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM metrics_tokens WHERE name = ?`).get(name) as TokenRow | undefined;
  return row ? fromRow(row) : null;
}

export function insertMetricsToken(db: Db, name: string, tokenHash: string, createdBy: string, now: number): MetricsTokenDto {
  const result = db
    .prepare("INSERT INTO metrics_tokens (name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?)")
    .run(name, tokenHash, createdBy, now);
  return getMetricsToken(db, Number(result.lastInsertRowid))!;
}

export function deleteMetricsToken(db: Db, id: number): boolean {
  return db.prepare("DELETE FROM metrics_tokens WHERE id = ?").run(id).changes > 0;
}

/**
 * The token whose hash this is, through the unique index (no comparison of secrets in JS), its
 * `last_used_at` brought up to `now` when older than `touchAfterMs` (so a scrape writes at most that often).
 */
export function touchMetricsToken(db: Db, tokenHash: string, now: number, touchAfterMs: number): { id: number; name: string } | null {
  const row = db.prepare("SELECT id, name, last_used_at FROM metrics_tokens WHERE token_hash = ?").get(tokenHash) as
    { id: number; name: string; last_used_at: number | null } | undefined;
  if (!row) return null;
  if (row.last_used_at === null || now - row.last_used_at >= touchAfterMs) {
    db.prepare("UPDATE metrics_tokens SET last_used_at = ? WHERE id = ?").run(now, row.id);
  }
  return { id: row.id, name: row.name };
}
