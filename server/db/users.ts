import "server-only";
import type { Role, UserDto } from "@/lib/auth/types";
import { purgeDeleted, type Db } from "./open-database";

export interface UserRecord extends UserDto {
  passwordHash: string;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function countUsers(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n;
}

export function countAdmins(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").get() as { n: number }).n;
}

export function listUsers(db: Db): UserRecord[] {
  return (db.prepare("SELECT * FROM users ORDER BY name").all() as UserRow[]).map(fromRow);
}

export function getUser(db: Db, id: number): UserRecord | null {
  const row = db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function getUserByName(db: Db, name: string): UserRecord | null {
  const row = db.prepare("SELECT * FROM users WHERE name = ?").get(name) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function insertUser(db: Db, name: string, role: Role, passwordHash: string, now = Date.now()): UserRecord {
  const result = db
    .prepare("INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
    .run(name, role, passwordHash, now, now);
  return getUser(db, Number(result.lastInsertRowid))!;
}

export function setUserRole(db: Db, id: number, role: Role, now = Date.now()): void {
  db.prepare("UPDATE users SET role = ?, updated_at = ? WHERE id = ?").run(role, now, id);
}

/** A new password also ends every session of that user. */
export function setUserPassword(db: Db, id: number, passwordHash: string, now = Date.now()): void {
  db.transaction(() => {
    db.prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?").run(passwordHash, now, id);
    db.prepare("DELETE FROM sessions WHERE user_id = ?").run(id);
  })();
}

export function deleteUser(db: Db, id: number): boolean {
  const gone = db.prepare("DELETE FROM users WHERE id = ?").run(id).changes > 0;
  if (gone) purgeDeleted(db);
  return gone;
}

export interface SessionTimes {
  idleMs: number;
  maxMs: number;
}

export function insertSession(db: Db, tokenHash: string, userId: number, times: SessionTimes, now = Date.now()): void {
  db.prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?").run(now, now - times.idleMs);
  db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)").run(
    tokenHash,
    userId,
    now,
    now,
    now + times.maxMs,
  );
}

/** The user of a live session, marking it used (at most once a minute, to spare writes). */
export function userOfSession(db: Db, tokenHash: string, times: SessionTimes, now = Date.now()): UserRecord | null {
  const row = db
    .prepare(
      `
    SELECT u.*, s.last_seen_at AS seen FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?
  `,
    )
    .get(tokenHash, now, now - times.idleMs) as (UserRow & { seen: number }) | undefined;
  if (!row) return null;
  if (now - row.seen > 60_000) db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").run(now, tokenHash);
  return fromRow(row);
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.prepare("DELETE FROM sessions WHERE token_hash = ?").run(tokenHash);
}
