import "server-only";
import type { Db } from "./db";

/** One collector process as it registered itself: who, where, serving which zone, and how it is doing. */
export interface CollectorRecord {
  id: string;
  name: string;
  /** The zone it polls; null: the hosts without a zone. */
  zone: string | null;
  hostname: string;
  pid: number;
  startedAt: number;
  heartbeatAt: number;
  /** Set when it stopped cleanly (its leases released); a collector that died keeps null and stops heartbeating. */
  stoppedAt: number | null;
  /** Hosts it held a lease on at its last heartbeat. */
  hosts: number;
  polls: number;
  failedPolls: number;
  /** Cluster-wide duties it held at its last heartbeat (e.g. "retention", "notifier"). */
  roles: string[];
}

interface CollectorRow {
  id: string;
  name: string;
  zone: string | null;
  hostname: string;
  pid: number;
  started_at: number;
  heartbeat_at: number;
  stopped_at: number | null;
  hosts: number;
  polls: number;
  failed_polls: number;
  roles: string;
}

const fromRow = (r: CollectorRow): CollectorRecord => ({
  id: r.id,
  name: r.name,
  zone: r.zone,
  hostname: r.hostname,
  pid: r.pid,
  startedAt: r.started_at,
  heartbeatAt: r.heartbeat_at,
  stoppedAt: r.stopped_at,
  hosts: r.hosts,
  polls: r.polls,
  failedPolls: r.failed_polls,
  roles: JSON.parse(r.roles) as string[],
});

export type CollectorBeat = Omit<CollectorRecord, "stoppedAt">;

/** Registers a collector or records its heartbeat, with its latest figures. */
export async function beat(db: Db, c: CollectorBeat): Promise<void> {
  await db.run(
    `INSERT INTO collectors (id, name, zone, hostname, pid, started_at, heartbeat_at, hosts, polls, failed_polls, roles)
     VALUES (@id, @name, @zone, @hostname, @pid, @startedAt, @heartbeatAt, @hosts, @polls, @failedPolls, @roles)
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, hosts = excluded.hosts, polls = excluded.polls,
       failed_polls = excluded.failed_polls, roles = excluded.roles, stopped_at = NULL`,
    { ...c, roles: JSON.stringify(c.roles) },
  );
}

/** Marks a collector stopped (it released its leases): the others take its hosts at once. */
export async function markStopped(db: Db, id: string, at: number): Promise<void> {
  await db.run("UPDATE collectors SET stopped_at = ?, hosts = 0, roles = '[]' WHERE id = ?", [at, id]);
}

/** Collectors heartbeating since `since` and not stopped. */
export async function liveCollectors(db: Db, since: number): Promise<CollectorRecord[]> {
  return (
    await db.all<CollectorRow>("SELECT * FROM collectors WHERE heartbeat_at >= ? AND stopped_at IS NULL ORDER BY name, id", [since])
  ).map(fromRow);
}

/** Every collector heard from since `since` (live, stopped or gone quiet), newest first. */
export async function recentCollectors(db: Db, since: number): Promise<CollectorRecord[]> {
  return (await db.all<CollectorRow>("SELECT * FROM collectors WHERE heartbeat_at >= ? ORDER BY heartbeat_at DESC, name", [since])).map(
    fromRow,
  );
}

/** Forgets collectors not heard from since `before` (a day by default, in the retention step). */
export async function pruneCollectors(db: Db, before: number): Promise<number> {
  return db.run("DELETE FROM collectors WHERE heartbeat_at < ?", [before]);
}

/** Who polls the hosts: the zones with a live collector, and whether this database has seen collectors at all. */
export interface CollectorCoverage {
  liveZones: ReadonlySet<string | null>;
  /** False on a database no collector ever joined (a dashboard run with TWSCOPE_POLLER=off, or a fresh one). */
  anyKnown: boolean;
}

export async function collectorCoverage(db: Db, liveSince: number): Promise<CollectorCoverage> {
  const rows = await db.all<{ zone: string | null; live: number }>(
    "SELECT zone, MAX(CASE WHEN heartbeat_at >= ? AND stopped_at IS NULL THEN 1 ELSE 0 END) AS live FROM collectors GROUP BY zone",
    [liveSince],
  );
  return { liveZones: new Set(rows.filter((r) => Number(r.live) === 1).map((r) => r.zone)), anyKnown: rows.length > 0 };
}

/** Whether a host is left without a collector: polled hosts of a zone where none is alive, once collectors run at all. */
export function lacksCollector(host: { transport: string; zone: string | null }, coverage: CollectorCoverage): boolean {
  return host.transport !== "bundle" && coverage.anyKnown && !coverage.liveZones.has(host.zone);
}

/** The collector holding `hostId`'s lease at `now`, by name. */
export async function leaseHolder(db: Db, hostId: number, now: number): Promise<string | null> {
  const row = await db.get<{ name: string }>(
    "SELECT c.name FROM host_leases l JOIN collectors c ON c.id = l.collector_id WHERE l.host_id = ? AND l.expires_at >= ?",
    [hostId, now],
  );
  return row?.name ?? null;
}

/** Every host's lease holder at `now`, by host id. */
export async function leaseHolders(db: Db, now: number): Promise<Map<number, string>> {
  const rows = await db.all<{ host_id: number; name: string }>(
    "SELECT l.host_id, c.name FROM host_leases l JOIN collectors c ON c.id = l.collector_id WHERE l.expires_at >= ?",
    [now],
  );
  return new Map(rows.map((r) => [r.host_id, r.name]));
}

/** How many polled hosts each zone has (null: the hosts without a zone). */
export async function hostsPerZone(db: Db): Promise<{ zone: string | null; hosts: number }[]> {
  const rows = await db.all<{ zone: string | null; n: number }>(
    "SELECT zone, COUNT(*) AS n FROM hosts WHERE transport <> 'bundle' GROUP BY zone ORDER BY zone",
  );
  return rows.map((r) => ({ zone: r.zone, hosts: Number(r.n) }));
}
