import "server-only";
import type { MetricsTokenDto } from "@/lib/metrics/tokens";
import type { Db } from "./db";

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

export async function listMetricsTokens(db: Db): Promise<MetricsTokenDto[]> {
  return (await db.all<TokenRow>(`SELECT ${COLUMNS} FROM metrics_tokens ORDER BY name`)).map(fromRow);
}

export async function getMetricsToken(db: Db, id: number): Promise<MetricsTokenDto | null> {
  const row = await db.get<TokenRow>(`SELECT ${COLUMNS} FROM metrics_tokens WHERE id = ?`, [id]);
  return row ? fromRow(row) : null;
}

export async function getMetricsTokenByName(db: Db, name: string): Promise<MetricsTokenDto | null> {
  const row = await db.get<TokenRow>(`SELECT ${COLUMNS} FROM metrics_tokens WHERE name = ?`, [name]);
  return row ? fromRow(row) : null;
}

export async function insertMetricsToken(
  db: Db,
  name: string,
  tokenHash: string,
  createdBy: string,
  now: number,
): Promise<MetricsTokenDto> {
  const row = await db.get<{ id: number }>(
    "INSERT INTO metrics_tokens (name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    [name, tokenHash, createdBy, now],
  );
  return (await getMetricsToken(db, row!.id))!;
}

export async function deleteMetricsToken(db: Db, id: number): Promise<boolean> {
  return (await db.run("DELETE FROM metrics_tokens WHERE id = ?", [id])) > 0;
}

/**
 * The token whose hash this is, through the unique index (no comparison of secrets in JS), its
 * `last_used_at` brought up to `now` when older than `touchAfterMs` (so a scrape writes at most that often).
 */
export async function touchMetricsToken(
  db: Db,
  tokenHash: string,
  now: number,
  touchAfterMs: number,
): Promise<{ id: number; name: string } | null> {
  const row = await db.get<{ id: number; name: string; last_used_at: number | null }>(
    "SELECT id, name, last_used_at FROM metrics_tokens WHERE token_hash = ?",
    [tokenHash],
  );
  if (!row) return null;
  if (row.last_used_at === null || now - row.last_used_at >= touchAfterMs) {
    await db.run("UPDATE metrics_tokens SET last_used_at = ? WHERE id = ?", [now, row.id]);
  }
  return { id: row.id, name: row.name };
}
