import "server-only";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import type { HostDto } from "@/lib/dto";
import type { HostStatus, HostTransport, SshAuthMethod, StoredSecretKind } from "@/lib/types";
import type { HostCreateInput, HostUpdateInput } from "@/lib/schemas";
import { insertHostEvents } from "./host-events";
import { purgeDeleted, type Db } from "./open-database";

/** A host row as the server uses it: the API's view of a host plus scheduling state. */
export interface HostRecord extends Omit<HostDto, "current" | "worst"> {
  consecutiveFailures: number;
  updatedAt: number;
}

interface HostRow {
  id: number;
  name: string;
  transport: HostTransport;
  address: string;
  port: number;
  username: string;
  auth_method: SshAuthMethod;
  key_path: string | null;
  passphrase_env: string | null;
  tags: string;
  host_key_fingerprint: string | null;
  seen_fingerprint: string | null;
  status: HostStatus;
  last_error: string | null;
  last_poll_at: number | null;
  last_ok_at: number | null;
  consecutive_failures: number;
  updated_at: number;
  secret_kind: StoredSecretKind | null;
  secret_updated_at: number | null;
}

// Only the secret's kind and age, never its columns: host records reach the API.
const SELECT_HOSTS = `SELECT hosts.*, s.kind AS secret_kind, s.updated_at AS secret_updated_at
  FROM hosts LEFT JOIN host_secrets s ON s.host_id = hosts.id`;

function fromRow(r: HostRow): HostRecord {
  return {
    id: r.id,
    name: r.name,
    transport: r.transport,
    address: r.address,
    port: r.port,
    username: r.username,
    authMethod: r.auth_method,
    keyPath: r.key_path,
    passphraseEnv: r.passphrase_env,
    storedSecret: r.secret_kind && r.secret_updated_at !== null ? { kind: r.secret_kind, updatedAt: r.secret_updated_at } : null,
    tags: JSON.parse(r.tags) as string[],
    hostKeyFingerprint: r.host_key_fingerprint,
    seenFingerprint: r.seen_fingerprint,
    status: r.status,
    lastError: r.last_error,
    lastPollAt: r.last_poll_at,
    lastOkAt: r.last_ok_at,
    consecutiveFailures: r.consecutive_failures,
    updatedAt: r.updated_at,
  };
}

export function listHosts(db: Db): HostRecord[] {
  return (db.prepare(`${SELECT_HOSTS} ORDER BY name`).all() as HostRow[]).map(fromRow);
}

/** Every host's id, name and tags, by name: what a host picker needs, without the rest of the row. */
export function listHostNames(db: Db): { id: number; name: string; tags: string[] }[] {
  const rows = db.prepare("SELECT id, name, tags FROM hosts ORDER BY name").all() as { id: number; name: string; tags: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, tags: JSON.parse(r.tags) as string[] }));
}

export function getHost(db: Db, id: number): HostRecord | null {
  const row = db.prepare(`${SELECT_HOSTS} WHERE hosts.id = ?`).get(id) as HostRow | undefined;
  return row ? fromRow(row) : null;
}

export function getHostByName(db: Db, name: string): HostRecord | null {
  const row = db.prepare(`${SELECT_HOSTS} WHERE hosts.name = ?`).get(name) as HostRow | undefined;
  return row ? fromRow(row) : null;
}

/** Inserts the host row only; a `secret` in the input is stored separately, encrypted. */
export function insertHost(db: Db, input: HostCreateInput, now = Date.now()): HostRecord {
  const result = db
    .prepare(
      `
    INSERT INTO hosts (name, transport, address, port, username, auth_method, key_path, passphrase_env, tags,
                       host_key_fingerprint, status, created_at, updated_at)
    VALUES (@name, 'ssh', @address, @port, @username, @authMethod, @keyPath, @passphraseEnv, @tags,
            @fingerprint, @status, @now, @now)
  `,
    )
    .run({
      name: input.name,
      ...sshSettingsOf(input),
      tags: JSON.stringify(input.tags),
      fingerprint: input.hostKeyFingerprint ?? null,
      status: input.hostKeyFingerprint ? "pending" : "host-key-unknown",
      now,
    });
  return getHost(db, Number(result.lastInsertRowid))!;
}

/** A host fed by pasted or uploaded bundles; it has no address to poll. */
export function insertBundleHost(db: Db, name: string, now = Date.now()): HostRecord {
  const result = db
    .prepare(
      `
    INSERT INTO hosts (name, transport, address, port, username, tags, status, created_at, updated_at)
    VALUES (?, 'bundle', '-', 0, '', '["bundle"]', 'pending', ?, ?)
  `,
    )
    .run(name, now, now);
  return getHost(db, Number(result.lastInsertRowid))!;
}

type HostFieldsPatch = Omit<HostUpdateInput, "secret">;

const COLUMNS: Record<keyof HostFieldsPatch, string> = {
  name: "name",
  address: "address",
  port: "port",
  username: "username",
  authMethod: "auth_method",
  keyPath: "key_path",
  passphraseEnv: "passphrase_env",
  tags: "tags",
};

export function updateHost(db: Db, id: number, patch: HostFieldsPatch, now = Date.now()): HostRecord | null {
  const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && Object.hasOwn(COLUMNS, k)) as [
    keyof HostFieldsPatch,
    unknown,
  ][];
  if (entries.length > 0) {
    const sets = entries.map(([k]) => `${COLUMNS[k]} = @${k}`).join(", ");
    const values = Object.fromEntries(entries.map(([k, v]) => [k, k === "tags" ? JSON.stringify(v) : v]));
    db.prepare(`UPDATE hosts SET ${sets}, updated_at = @now WHERE id = @id`).run({ ...values, id, now });
  }
  return getHost(db, id);
}

export function deleteHost(db: Db, id: number): boolean {
  const gone = db.prepare("DELETE FROM hosts WHERE id = ?").run(id).changes > 0;
  if (gone) purgeDeleted(db);
  return gone;
}

/** Pins a fingerprint (explicit trust by a user) and clears the key error. */
export function pinHostKey(db: Db, id: number, fingerprint: string, now = Date.now()): void {
  db.prepare(
    `
    UPDATE hosts SET host_key_fingerprint = ?, seen_fingerprint = NULL, status = 'pending', last_error = NULL,
                     consecutive_failures = 0, updated_at = ?
    WHERE id = ?
  `,
  ).run(fingerprint, now, id);
}

export interface PollStatusUpdate {
  status: HostStatus;
  error: string | null;
  seenFingerprint?: string | null;
  at: number;
}

/** Stores a poll's outcome on the host; a change of status is also kept as a host event (chart marker, gap reason). */
export function recordPollStatus(db: Db, id: number, update: PollStatusUpdate): void {
  db.transaction(() => {
    const before = (db.prepare("SELECT status FROM hosts WHERE id = ?").get(id) as { status: HostStatus } | undefined)?.status;
    // Out of "pending" is the first poll after adding, editing or trusting a host: nothing changed on the host.
    if (before && before !== update.status && before !== "pending") {
      insertHostEvents(db, id, update.at, [{ kind: "status", subject: "status", before, after: update.status, detail: update.error }]);
    }
    writePollStatus(db, id, update);
  })();
}

function writePollStatus(db: Db, id: number, update: PollStatusUpdate): void {
  const ok = update.status === "ok";
  db.prepare(
    `
    UPDATE hosts SET status = @status, last_error = @error, last_poll_at = @at,
      last_ok_at = CASE WHEN @ok THEN @at ELSE last_ok_at END,
      consecutive_failures = CASE WHEN @ok THEN 0 ELSE consecutive_failures + 1 END,
      seen_fingerprint = CASE WHEN @hasSeen THEN @seen ELSE seen_fingerprint END
    WHERE id = @id
  `,
  ).run({
    id,
    status: update.status,
    error: update.error,
    at: update.at,
    ok: ok ? 1 : 0,
    hasSeen: update.seenFingerprint !== undefined ? 1 : 0,
    seen: update.seenFingerprint ?? null,
  });
  if (!ok && update.error) {
    db.prepare("INSERT INTO poll_errors (host_id, ts, status, message) VALUES (?, ?, ?, ?)").run(
      id,
      update.at,
      update.status,
      update.error,
    );
    db.prepare(
      `DELETE FROM poll_errors WHERE host_id = ? AND id NOT IN
                (SELECT id FROM poll_errors WHERE host_id = ? ORDER BY ts DESC LIMIT 50)`,
    ).run(id, id);
  }
}

export function recentErrors(db: Db, id: number, limit = 10): { at: number; status: HostStatus; message: string }[] {
  return db.prepare("SELECT ts AS at, status, message FROM poll_errors WHERE host_id = ? ORDER BY ts DESC LIMIT ?").all(id, limit) as {
    at: number;
    status: HostStatus;
    message: string;
  }[];
}
