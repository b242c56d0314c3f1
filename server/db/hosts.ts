import "server-only";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import type { HostDto } from "@/lib/dto";
import type { HostStatus, HostTransport, SshAuthMethod, SshSettings, StoredSecretKind } from "@/lib/types";
import type { HostCreateInput, HostUpdateInput } from "@/lib/schemas";
import { insertHostEvents } from "./host-events";
import type { Db } from "./db";

/** The jump host a host is reached through: how to log in to it, and its pinned key. */
interface JumpRecord extends SshSettings {
  id: number;
  name: string;
  transport: HostTransport;
  fingerprint: string | null;
  secretUpdatedAt: number | null;
}

/** A host row as the server uses it: the API's view of a host plus scheduling state. */
export interface HostRecord extends Omit<HostDto, "current" | "worst" | "collector" | "noCollector"> {
  /** The jump host's settings, when it has one (`jumpHostId`). */
  jump: JumpRecord | null;
  consecutiveFailures: number;
  updatedAt: number;
  /** When someone last asked for a poll now (in any process), if ever. */
  pollRequestedAt: number | null;
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
  zone: string | null;
  host_key_fingerprint: string | null;
  seen_fingerprint: string | null;
  status: HostStatus;
  last_error: string | null;
  last_poll_at: number | null;
  last_ok_at: number | null;
  consecutive_failures: number;
  updated_at: number;
  poll_requested_at: number | null;
  secret_kind: StoredSecretKind | null;
  secret_updated_at: number | null;
  jump_host_id: number | null;
  jump_name: string | null;
  jump_transport: HostTransport | null;
  jump_address: string | null;
  jump_port: number | null;
  jump_username: string | null;
  jump_auth_method: SshAuthMethod | null;
  jump_key_path: string | null;
  jump_passphrase_env: string | null;
  jump_fingerprint: string | null;
  jump_secret_updated_at: number | null;
}

// Only the secret's kind and age, never its columns: host records reach the API.
const SELECT_HOSTS = `SELECT hosts.*, s.kind AS secret_kind, s.updated_at AS secret_updated_at,
    j.name AS jump_name, j.transport AS jump_transport, j.address AS jump_address, j.port AS jump_port,
    j.username AS jump_username, j.auth_method AS jump_auth_method, j.key_path AS jump_key_path,
    j.passphrase_env AS jump_passphrase_env, j.host_key_fingerprint AS jump_fingerprint, js.updated_at AS jump_secret_updated_at
  FROM hosts LEFT JOIN host_secrets s ON s.host_id = hosts.id
    LEFT JOIN hosts j ON j.id = hosts.jump_host_id LEFT JOIN host_secrets js ON js.host_id = j.id`;

function jumpOf(r: HostRow): JumpRecord | null {
  if (r.jump_host_id === null || r.jump_name === null) return null;
  return {
    id: r.jump_host_id,
    name: r.jump_name,
    transport: r.jump_transport!,
    address: r.jump_address!,
    port: r.jump_port!,
    username: r.jump_username!,
    authMethod: r.jump_auth_method!,
    keyPath: r.jump_key_path,
    passphraseEnv: r.jump_passphrase_env,
    fingerprint: r.jump_fingerprint,
    secretUpdatedAt: r.jump_secret_updated_at,
  };
}

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
    zone: r.zone,
    jumpHostId: r.jump_host_id,
    jump: jumpOf(r),
    hostKeyFingerprint: r.host_key_fingerprint,
    seenFingerprint: r.seen_fingerprint,
    status: r.status,
    lastError: r.last_error,
    lastPollAt: r.last_poll_at,
    lastOkAt: r.last_ok_at,
    consecutiveFailures: r.consecutive_failures,
    updatedAt: r.updated_at,
    pollRequestedAt: r.poll_requested_at,
  };
}

export async function listHosts(db: Db): Promise<HostRecord[]> {
  return (await db.all<HostRow>(`${SELECT_HOSTS} ORDER BY name`)).map(fromRow);
}

/** Every host's id, name and tags, by name: what a host picker needs, without the rest of the row. */
export async function listHostNames(db: Db): Promise<{ id: number; name: string; tags: string[] }[]> {
  const rows = await db.all<{ id: number; name: string; tags: string }>("SELECT id, name, tags FROM hosts ORDER BY name");
  return rows.map((r) => ({ id: r.id, name: r.name, tags: JSON.parse(r.tags) as string[] }));
}

export async function getHost(db: Db, id: number): Promise<HostRecord | null> {
  const row = await db.get<HostRow>(`${SELECT_HOSTS} WHERE hosts.id = ?`, [id]);
  return row ? fromRow(row) : null;
}

export async function getHostByName(db: Db, name: string): Promise<HostRecord | null> {
  const row = await db.get<HostRow>(`${SELECT_HOSTS} WHERE hosts.name = ?`, [name]);
  return row ? fromRow(row) : null;
}

/** The hosts an inventory import added from `source` (`inventory:<name>`), by name. */
export async function listHostsFromSource(db: Db, source: string): Promise<HostRecord[]> {
  return (await db.all<HostRow>(`${SELECT_HOSTS} WHERE hosts.import_source = ? ORDER BY name`, [source])).map(fromRow);
}

/** Records that `source` added the host, so importing it again updates the host. */
export async function setImportSource(db: Db, id: number, source: string): Promise<void> {
  await db.run("UPDATE hosts SET import_source = ? WHERE id = ?", [source, id]);
}

/** The names of the hosts reached through `id` as their jump host. */
export async function hostsBehind(db: Db, id: number): Promise<string[]> {
  return (await db.all<{ name: string }>("SELECT name FROM hosts WHERE jump_host_id = ? ORDER BY name", [id])).map((r) => r.name);
}

/** Inserts the host row only; a `secret` in the input is stored separately, encrypted. */
export async function insertHost(db: Db, input: HostCreateInput, now = Date.now()): Promise<HostRecord> {
  const row = await db.get<{ id: number }>(
    `
    INSERT INTO hosts (name, transport, address, port, username, auth_method, key_path, passphrase_env, tags, zone,
                       jump_host_id, host_key_fingerprint, status, created_at, updated_at)
    VALUES (@name, 'ssh', @address, @port, @username, @authMethod, @keyPath, @passphraseEnv, @tags, @zone,
            @jumpHostId, @fingerprint, @status, @now, @now)
    RETURNING id
  `,
    {
      name: input.name,
      ...sshSettingsOf(input),
      tags: JSON.stringify(input.tags),
      zone: input.zone ?? null,
      jumpHostId: input.jumpHostId ?? null,
      fingerprint: input.hostKeyFingerprint ?? null,
      status: input.hostKeyFingerprint ? "pending" : "host-key-unknown",
      now,
    },
  );
  return (await getHost(db, row!.id))!;
}

/** A host fed by pasted or uploaded bundles; it has no address to poll. */
export async function insertBundleHost(db: Db, name: string, now = Date.now()): Promise<HostRecord> {
  const row = await db.get<{ id: number }>(
    `
    INSERT INTO hosts (name, transport, address, port, username, tags, status, created_at, updated_at)
    VALUES (?, 'bundle', '-', 0, '', '["bundle"]', 'pending', ?, ?)
    RETURNING id
  `,
    [name, now, now],
  );
  return (await getHost(db, row!.id))!;
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
  zone: "zone",
  jumpHostId: "jump_host_id",
};

export async function updateHost(db: Db, id: number, patch: HostFieldsPatch, now = Date.now()): Promise<HostRecord | null> {
  const entries = Object.entries(patch).filter(([k, v]) => v !== undefined && Object.hasOwn(COLUMNS, k)) as [
    keyof HostFieldsPatch,
    unknown,
  ][];
  if (entries.length > 0) {
    const sets = entries.map(([k]) => `${COLUMNS[k]} = @${k}`).join(", ");
    const values = Object.fromEntries(entries.map(([k, v]) => [k, k === "tags" ? JSON.stringify(v) : v]));
    await db.run(`UPDATE hosts SET ${sets}, updated_at = @now WHERE id = @id`, { ...values, id, now });
  }
  return getHost(db, id);
}

export async function deleteHost(db: Db, id: number): Promise<boolean> {
  const gone = (await db.run("DELETE FROM hosts WHERE id = ?", [id])) > 0;
  if (gone) await db.purgeDeleted();
  return gone;
}

/** Pins a fingerprint (explicit trust by a user) and clears the key error. */
export async function pinHostKey(db: Db, id: number, fingerprint: string, now = Date.now()): Promise<void> {
  await db.run(
    `
    UPDATE hosts SET host_key_fingerprint = ?, seen_fingerprint = NULL, status = 'pending', last_error = NULL,
                     consecutive_failures = 0, updated_at = ?
    WHERE id = ?
  `,
    [fingerprint, now, id],
  );
}

export interface PollStatusUpdate {
  status: HostStatus;
  error: string | null;
  seenFingerprint?: string | null;
  at: number;
}

/** Stores a poll's outcome on the host; a change of status is also kept as a host event (chart marker, gap reason). */
export async function recordPollStatus(db: Db, id: number, update: PollStatusUpdate): Promise<void> {
  await db.tx(async (t) => {
    const before = (await t.get<{ status: HostStatus }>("SELECT status FROM hosts WHERE id = ?", [id]))?.status;
    // Out of "pending" is the first poll after adding, editing or trusting a host: nothing changed on the host.
    if (before && before !== update.status && before !== "pending") {
      await insertHostEvents(t, id, update.at, [{ kind: "status", subject: "status", before, after: update.status, detail: update.error }]);
    }
    await writePollStatus(t, id, update);
  });
}

async function writePollStatus(db: Db, id: number, update: PollStatusUpdate): Promise<void> {
  const ok = update.status === "ok";
  await db.run(
    `
    UPDATE hosts SET status = @status, last_error = @error, last_poll_at = @at,
      last_ok_at = CASE WHEN @ok = 1 THEN @at ELSE last_ok_at END,
      consecutive_failures = CASE WHEN @ok = 1 THEN 0 ELSE consecutive_failures + 1 END,
      seen_fingerprint = CASE WHEN @hasSeen = 1 THEN @seen ELSE seen_fingerprint END
    WHERE id = @id
  `,
    {
      id,
      status: update.status,
      error: update.error,
      at: update.at,
      ok: ok ? 1 : 0,
      hasSeen: update.seenFingerprint !== undefined ? 1 : 0,
      seen: update.seenFingerprint ?? null,
    },
  );
  if (!ok && update.error) {
    await db.run("INSERT INTO poll_errors (host_id, ts, status, message) VALUES (?, ?, ?, ?)", [
      id,
      update.at,
      update.status,
      update.error,
    ]);
    await db.run(
      `DELETE FROM poll_errors WHERE host_id = ? AND id NOT IN
                (SELECT id FROM poll_errors WHERE host_id = ? ORDER BY ts DESC LIMIT 50)`,
      [id, id],
    );
  }
}

export async function recentErrors(db: Db, id: number, limit = 10): Promise<{ at: number; status: HostStatus; message: string }[]> {
  return db.all("SELECT ts AS at, status, message FROM poll_errors WHERE host_id = ? ORDER BY ts DESC LIMIT ?", [id, limit]);
}
