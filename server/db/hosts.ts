import "server-only";
import { MAX_JUMP_HOPS } from "@/lib/host/jump-chain";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import type { HostDto, HostNamesDto } from "@/lib/dto";
import type { HostStatus, HostTransport, SshAuthMethod, SshSettings, StoredSecretKind } from "@/lib/types";
import type { HostCreateInput, HostUpdateInput } from "@/lib/schemas";
import { insertHostEvents } from "./host-events";
import type { Db } from "./db";

/** The jump host a host is reached through: how to log in to it, its pinned key, and its own jump host. */
export interface JumpRecord extends SshSettings {
  id: number;
  name: string;
  transport: HostTransport;
  fingerprint: string | null;
  secretUpdatedAt: number | null;
  jumpHostId: number | null;
  /** Null with a `jumpHostId`: the chain goes on past MAX_JUMP_HOPS (a loop, or an edit raced another). */
  jump: JumpRecord | null;
}

/** A host row as the server uses it: the API's view of a host plus scheduling state. */
export interface HostRecord extends Omit<HostDto, "current" | "worst" | "collector" | "noCollector" | "jumpChain"> {
  /** The jump host's settings, when it has one (`jumpHostId`), with its own jump host's and so on. */
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
}

// Only the secret's kind and age, never its columns: host records reach the API.
const SELECT_HOSTS = `SELECT hosts.*, s.kind AS secret_kind, s.updated_at AS secret_updated_at
  FROM hosts LEFT JOIN host_secrets s ON s.host_id = hosts.id`;

async function hostsOf(db: Db, sql: string, params: unknown[] = []): Promise<HostRecord[]> {
  return withJumps(db, (await db.all<HostRow>(sql, params)).map(fromRow));
}

/** Links each host to its chain of jump hosts, loading those not among `records`, one hop per query. */
async function withJumps(db: Db, records: HostRecord[]): Promise<HostRecord[]> {
  const byId = new Map(records.map((r) => [r.id, r]));
  for (let hop = 0; hop <= MAX_JUMP_HOPS; hop++) {
    const missing = [
      ...new Set([...byId.values()].flatMap((r) => (r.jumpHostId !== null && !byId.has(r.jumpHostId) ? [r.jumpHostId] : []))),
    ];
    if (missing.length === 0) break;
    const rows = await db.all<HostRow>(`${SELECT_HOSTS} WHERE hosts.id IN (${missing.map(() => "?").join(", ")})`, missing);
    for (const row of rows) byId.set(row.id, fromRow(row));
  }
  return records.map((r) => ({ ...r, jump: jumpOf(r.jumpHostId, byId, 1) }));
}

function jumpOf(id: number | null, byId: Map<number, HostRecord>, hop: number): JumpRecord | null {
  const host = id === null ? undefined : byId.get(id);
  if (!host || hop > MAX_JUMP_HOPS + 1) return null;
  return {
    id: host.id,
    name: host.name,
    transport: host.transport,
    ...sshSettingsOf(host),
    fingerprint: host.hostKeyFingerprint,
    secretUpdatedAt: host.storedSecret?.updatedAt ?? null,
    jumpHostId: host.jumpHostId,
    jump: jumpOf(host.jumpHostId, byId, hop + 1),
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
    jump: null,
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
  return hostsOf(db, `${SELECT_HOSTS} ORDER BY name`);
}

/** Every host's id, name, tags, transport and address, by name: what a host picker needs, without the rest of the row. */
export async function listHostNames(db: Db): Promise<HostNamesDto["hosts"]> {
  const rows = await db.all<{ id: number; name: string; tags: string; transport: HostTransport; address: string }>(
    "SELECT id, name, tags, transport, address FROM hosts ORDER BY name",
  );
  return rows.map((r) => ({ ...r, tags: JSON.parse(r.tags) as string[] }));
}

export async function getHost(db: Db, id: number): Promise<HostRecord | null> {
  return (await hostsOf(db, `${SELECT_HOSTS} WHERE hosts.id = ?`, [id]))[0] ?? null;
}

export async function getHostByName(db: Db, name: string): Promise<HostRecord | null> {
  return (await hostsOf(db, `${SELECT_HOSTS} WHERE hosts.name = ?`, [name]))[0] ?? null;
}

/** The hosts an inventory import added from `source` (`inventory:<name>`), by name. */
export async function listHostsFromSource(db: Db, source: string): Promise<HostRecord[]> {
  return hostsOf(db, `${SELECT_HOSTS} WHERE hosts.import_source = ? ORDER BY name`, [source]);
}

/** Records that `source` added the host, so importing it again updates the host. */
export async function setImportSource(db: Db, id: number, source: string): Promise<void> {
  await db.run("UPDATE hosts SET import_source = ? WHERE id = ?", [source, id]);
}

/** How many hops down the deepest host behind `id` is (1: directly behind it), 0 when none is. */
export async function depthBehind(db: Db, id: number): Promise<number> {
  const row = await db.get<{ depth: number | null }>(
    `WITH RECURSIVE behind(id, depth) AS (
       SELECT id, 1 FROM hosts WHERE jump_host_id = ?
       UNION ALL SELECT h.id, b.depth + 1 FROM hosts h JOIN behind b ON h.jump_host_id = b.id WHERE b.depth <= ?
     ) SELECT MAX(depth) AS depth FROM behind`,
    [id, MAX_JUMP_HOPS],
  );
  return Number(row?.depth ?? 0);
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
