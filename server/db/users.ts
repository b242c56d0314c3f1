import "server-only";
import type { Role, UserDto } from "@/lib/auth/types";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import type { Db } from "./db";

export interface UserRecord extends UserDto {
  passwordHash: string;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  language: string | null;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  language: isLocale(r.language) ? r.language : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function countUsers(db: Db): Promise<number> {
  return (await db.get<{ n: number }>("SELECT count(*) AS n FROM users"))!.n;
}

export async function countAdmins(db: Db): Promise<number> {
  return (await db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin'"))!.n;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.all<UserRow>("SELECT * FROM users ORDER BY lower(name), name")).map(fromRow);
}

export async function getUser(db: Db, id: number): Promise<UserRecord | null> {
  const row = await db.get<UserRow>("SELECT * FROM users WHERE id = ?", [id]);
  return row ? fromRow(row) : null;
}

/** User names are unique regardless of case. */
export async function getUserByName(db: Db, name: string): Promise<UserRecord | null> {
  const row = await db.get<UserRow>("SELECT * FROM users WHERE lower(name) = lower(?)", [name]);
  return row ? fromRow(row) : null;
}

export async function insertUser(db: Db, name: string, role: Role, passwordHash: string, now = Date.now()): Promise<UserRecord> {
  const row = await db.get<{ id: number }>(
    "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    [name, role, passwordHash, now, now],
  );
  return (await getUser(db, row!.id))!;
}

/** The language the user chose in the header; null goes back to following the browser. */
export async function setUserLanguage(db: Db, id: number, language: Locale | null, now = Date.now()): Promise<void> {
  await db.run("UPDATE users SET language = ?, updated_at = ? WHERE id = ?", [language, now, id]);
}

export async function setUserRole(db: Db, id: number, role: Role, now = Date.now()): Promise<void> {
  await db.run("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", [role, now, id]);
}

/** A new password also ends every session of that user. */
export async function setUserPassword(db: Db, id: number, passwordHash: string, now = Date.now()): Promise<void> {
  await db.tx(async (t) => {
    await t.run("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", [passwordHash, now, id]);
    await t.run("DELETE FROM sessions WHERE user_id = ?", [id]);
  });
}

export async function deleteUser(db: Db, id: number): Promise<boolean> {
  const gone = (await db.run("DELETE FROM users WHERE id = ?", [id])) > 0;
  if (gone) await db.purgeDeleted();
  return gone;
}

export interface SessionTimes {
  idleMs: number;
  maxMs: number;
}

export async function insertSession(db: Db, tokenHash: string, userId: number, times: SessionTimes, now = Date.now()): Promise<void> {
  await db.run("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", [now, now - times.idleMs]);
  await db.run("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)", [
    tokenHash,
    userId,
    now,
    now,
    now + times.maxMs,
  ]);
}

/** The user of a live session, marking it used (at most once a minute, to spare writes). */
export async function userOfSession(db: Db, tokenHash: string, times: SessionTimes, now = Date.now()): Promise<UserRecord | null> {
  const row = await db.get<UserRow & { seen: number }>(
    `
    SELECT u.*, s.last_seen_at AS seen FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?
  `,
    [tokenHash, now, now - times.idleMs],
  );
  if (!row) return null;
  if (now - row.seen > 60_000) await db.run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now, tokenHash]);
  return fromRow(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.run("DELETE FROM sessions WHERE token_hash = ?", [tokenHash]);
}
