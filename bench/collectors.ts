import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as lab from "@/lab/lab";
import { loadConfig } from "@/server/config";
import { closeContext, createContext, type AppContext } from "@/server/context";
import { startCollectorProcess, type CollectorProcess } from "@/tests/support/collector-process";
import { createDatabase, startPostgres, type PostgresServer } from "@/tests/support/postgres-server";
import { owe } from "./cleanup";
import { BENCH_SHARED_BUFFERS } from "./postgres-settings";
import { netnsInode, startCpuSpan, type CpuShares } from "./process-cpu";
import { median, pause } from "./stats";

type Log = (line: string) => void;

/** Poll settings of one phase: every collector process of it gets them. */
interface CollectorSettings {
  intervalS: number;
  leaseS: number;
  concurrency: number;
  /** Seconds an SSH connection may take to log in (TWSCOPE_SSH_READY_TIMEOUT). */
  readyTimeoutS: number;
}

export interface CollectorsSize {
  hosts: number;
  /** The throughput phase: a short interval so the collectors are saturated, and the window samples are counted over. */
  throughput: CollectorSettings & { windowS: number };
  /** The fail-over phase. */
  failover: CollectorSettings;
}

/** One throughput window: the samples the collectors stored in it, and where the machine's CPU went meanwhile. */
export interface ThroughputWindow {
  collectors: number;
  /** Hosts each collector held while measured. */
  held: number[];
  samples: number;
  /** Hosts that got at least one sample in the window; failed polls in it. */
  hostsPolled: number;
  failedPolls: number;
  windowMs: number;
  perSecond: number;
  /** CPU over the window in cores (milliseconds of CPU per millisecond): the collectors, PostgreSQL, the lab hosts' sshd and probes, the whole machine. */
  cores: { collectors: number; postgres: number; labHosts: number; machine: number };
}

interface Failover {
  settings: CollectorSettings;
  /** The bound: two lease periods and one poll interval. */
  boundMs: number;
  /** The killed collector's hosts. */
  orphans: number;
  /** Per orphan, from the kill until its first new sample. */
  takeoverMs: number[];
  maxMs: number;
  medianMs: number;
  /** Orphans left without a new sample when the wait ended. */
  lost: number;
  /** Samples less than half an interval after their host's previous one, from an interval before the kill to the end. */
  duplicated: number;
  /** The longest gap between two samples of any host the survivor held before the kill, over the same span. */
  survivorMaxGapMs: number;
  /** Every orphan's gap: its last sample before the kill to its first after (the time it was not polled). */
  maxGapMs: number;
}

export interface CollectorsMeasurement {
  hosts: number;
  throughput: { settings: CollectorSettings; windowS: number; one: ThroughputWindow; two: ThroughputWindow };
  failover: Failover;
}

/** Checks `check` every 250 ms until it gives a value, at most `ms`: for what other processes do to the database. */
async function until<T>(check: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`not within ${Math.round(ms / 1000)} s: ${what}`);
    await pause(250);
  }
}

/** The collector processes of this part, started with the same database, secret key and poll settings. */
class Collectors {
  readonly running = new Map<string, CollectorProcess>();
  private readonly paid = new Map<string, () => void>();

  constructor(
    private readonly ctx: AppContext,
    private readonly env: Record<string, string>,
    private readonly work: string,
  ) {}

  async start(names: string[], s: CollectorSettings): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const dataDir = path.join(this.work, name);
        fs.mkdirSync(dataDir, { recursive: true });
        const env = {
          ...this.env,
          TWSCOPE_DATA_DIR: dataDir,
          TWSCOPE_POLL_INTERVAL: String(s.intervalS),
          TWSCOPE_LEASE: String(s.leaseS),
          TWSCOPE_POLL_CONCURRENCY: String(s.concurrency),
          TWSCOPE_SSH_READY_TIMEOUT: String(s.readyTimeoutS),
        };
        const child = await startCollectorProcess(env, ["--name", name]);
        this.running.set(name, child);
        this.paid.set(
          name,
          owe(() => child.kill()),
        );
      }),
    );
  }

  /** SIGTERM: each hands its hosts over and exits. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((n) => this.stop(n)));
  }

  async stop(name: string): Promise<void> {
    await this.running.get(name)?.stop();
    this.forget(name);
  }

  /** SIGKILL to every one still running (after an error). */
  killAll(): void {
    for (const name of [...this.running.keys()]) this.kill(name);
  }

  /** SIGKILL: it dies without a word. */
  kill(name: string): void {
    this.running.get(name)?.kill();
    this.forget(name);
  }

  private forget(name: string): void {
    this.paid.get(name)?.();
    this.paid.delete(name);
    this.running.delete(name);
  }

  pids(): Set<number> {
    return new Set([...this.running.values()].map((c) => c.child.pid!));
  }

  /** Each running collector's id on the database, by name (a collector's row carries its pid). */
  async ids(): Promise<Map<string, string>> {
    const rows = await this.ctx.db.all<{ id: string; pid: number }>("SELECT id, pid FROM collectors WHERE stopped_at IS NULL");
    const byPid = new Map(rows.map((r) => [r.pid, r.id]));
    return new Map([...this.running].flatMap(([name, c]) => (byPid.has(c.child.pid!) ? [[name, byPid.get(c.child.pid!)!] as const] : [])));
  }

  /** Hosts each running collector holds an unexpired lease on, by name. */
  async held(): Promise<Map<string, number[]>> {
    const ids = await this.ids();
    const leases = await this.ctx.db.all<{ host_id: number; collector_id: string }>(
      "SELECT host_id, collector_id FROM host_leases WHERE expires_at >= ?",
      [Date.now()],
    );
    return new Map([...ids].map(([name, id]) => [name, leases.filter((l) => l.collector_id === id).map((l) => l.host_id)]));
  }
}

/**
 * Waits until the running collectors hold every host between them, each some, the same split at two looks a
 * heartbeat apart; then until every host has a sample taken after that, so each has a warm connection and
 * probe session with its holder. Returns the hosts each holds.
 */
async function settle(ctx: AppContext, c: Collectors, hosts: number, s: CollectorSettings, log: Log): Promise<number[]> {
  const split = async () => {
    const held = await c.held();
    const counts = [...held.values()].map((h) => h.length);
    const total = counts.reduce((a, b) => a + b, 0);
    return held.size === c.running.size && total === hosts && counts.every((n) => n > 0) ? counts : null;
  };
  const heartbeatMs = (s.leaseS * 1000) / 3;
  const counts = await until(
    async () => {
      const first = await split();
      if (!first) return null;
      await pause(heartbeatMs + 250);
      const second = await split();
      return second && second.join() === first.join() ? second : null;
    },
    60_000 + 6 * s.leaseS * 1000,
    `${c.running.size} collector(s) holding all ${hosts} hosts`,
  );
  const since = Date.now();
  const sampled = async () =>
    (await ctx.db.get<{ n: number }>("SELECT COUNT(DISTINCT host_id) AS n FROM samples WHERE ts > ?", [since]))!.n;
  // A cold poll of every host: new SSH connections to hundreds of sshds on this machine's two cores.
  await until(async () => ((await sampled()) >= hosts ? true : null), 180_000 + 2 * s.intervalS * 1000, "").catch(async () => {
    const errors = await ctx.db.all<{ message: string; n: number }>(
      "SELECT message, COUNT(*) AS n FROM poll_errors WHERE ts > ? GROUP BY message ORDER BY n DESC LIMIT 3",
      [since],
    );
    throw new Error(
      `only ${await sampled()} of ${hosts} hosts polled since the collectors split them; most frequent poll errors: ` +
        (errors.map((e) => `${e.n}× ${e.message}`).join("; ") || "none"),
    );
  });
  log(`collectors: ${counts.join(" + ")} hosts held, every host polled since`);
  return counts;
}

/** Counts the samples stored over `windowS`, with the CPU of each group of processes meanwhile. */
async function throughputWindow(
  ctx: AppContext,
  c: Collectors,
  pg: PostgresServer,
  labNetns: Set<number>,
  held: number[],
  windowS: number,
): Promise<ThroughputWindow> {
  const collectorPids = c.pids();
  const span = startCpuSpan({
    classify: (pid, p) =>
      collectorPids.has(pid) ? "collectors" : pid === pg.pid || p.ppid === pg.pid ? "postgres" : labNetns.has(p.netns) ? "labHosts" : null,
  });
  const from = Date.now();
  await pause(windowS * 1000);
  const to = Date.now();
  const cpu: CpuShares = span();
  const counted = (await ctx.db.get<{ n: number; hosts: number }>(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT host_id) AS hosts FROM samples WHERE ts >= ? AND ts < ?",
    [from, to],
  ))!;
  const failed = (await ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM poll_errors WHERE ts >= ? AND ts < ?", [from, to]))!;
  const cores = (ms: number | undefined) => (ms ?? 0) / cpu.spanMs;
  return {
    collectors: c.running.size,
    held,
    samples: counted.n,
    hostsPolled: counted.hosts,
    failedPolls: failed.n,
    windowMs: to - from,
    perSecond: counted.n / ((to - from) / 1000),
    cores: {
      collectors: cores(cpu.groupsMs.collectors),
      postgres: cores(cpu.groupsMs.postgres),
      labHosts: cores(cpu.groupsMs.labHosts),
      machine: cores(cpu.machineMs),
    },
  };
}

/**
 * Two collectors sharing the hosts; one is killed (SIGKILL). Times, per host it held, the kill to the host's
 * first new sample (the survivor takes a lease once it has expired and polls the host at once), and checks from
 * the samples table that no host of the killed collector was left without one and none got two samples less
 * than half an interval apart.
 */
async function measureFailover(ctx: AppContext, c: Collectors, hosts: number, s: CollectorSettings, log: Log): Promise<Failover> {
  await c.start(["failover-a", "failover-b"], s);
  await settle(ctx, c, hosts, s, log);
  // One more interval, so every host has been polled on its cadence by its holder before the kill.
  await pause(s.intervalS * 1000);
  const held = await c.held();
  const orphans = held.get("failover-b")!;
  const survivors = held.get("failover-a")!;
  const list = (ids: number[]) => ids.join(", ");
  const boundMs = (2 * s.leaseS + s.intervalS) * 1000;
  const killedAt = Date.now();
  c.kill("failover-b");
  log(`collectors: killed failover-b (${orphans.length} hosts), waiting for their next samples`);
  const firstAfter = async () =>
    ctx.db.all<{ host_id: number; first: number; n: number }>(
      `SELECT host_id, MIN(ts) AS first, COUNT(*) AS n FROM samples WHERE ts > ? AND host_id IN (${list(orphans)}) GROUP BY host_id`,
      [killedAt],
    );
  // Until every orphan has two new samples (a poll of its own cadence after the takeover), or well past the bound.
  const waitMs = 2 * boundMs + 60_000;
  const deadline = killedAt + waitMs;
  let rows = await firstAfter();
  while (Date.now() < deadline && !(rows.length === orphans.length && rows.every((r) => r.n >= 2))) {
    await pause(250);
    rows = await firstAfter();
  }
  const end = Date.now();
  const takeoverMs = rows.map((r) => r.first - killedAt);
  const gaps = await ctx.db.all<{ host_id: number; ts: number; gap: number }>(
    `SELECT host_id, ts, gap FROM (
       SELECT host_id, ts, ts - LAG(ts) OVER (PARTITION BY host_id ORDER BY ts) AS gap FROM samples WHERE ts >= ? AND ts <= ?
     ) g WHERE gap IS NOT NULL`,
    [killedAt - 2 * s.intervalS * 1000, end],
  );
  const orphanSet = new Set(orphans);
  const survivorSet = new Set(survivors);
  const lastBefore = await ctx.db.all<{ host_id: number; last: number }>(
    `SELECT host_id, MAX(ts) AS last FROM samples WHERE ts <= ? AND host_id IN (${list(orphans)}) GROUP BY host_id`,
    [killedAt],
  );
  const firstByHost = new Map(rows.map((r) => [r.host_id, r.first]));
  await c.stopAll();
  return {
    settings: s,
    boundMs,
    orphans: orphans.length,
    takeoverMs,
    maxMs: takeoverMs.length ? Math.max(...takeoverMs) : NaN,
    medianMs: median(takeoverMs),
    lost: orphans.length - rows.length,
    duplicated: gaps.filter((g) => g.gap < (s.intervalS * 1000) / 2).length,
    survivorMaxGapMs: Math.max(0, ...gaps.filter((g) => survivorSet.has(g.host_id)).map((g) => g.gap)),
    maxGapMs: Math.max(
      0,
      ...lastBefore.filter((r) => orphanSet.has(r.host_id) && firstByHost.has(r.host_id)).map((r) => firstByHost.get(r.host_id)! - r.last),
    ),
  };
}

/**
 * The collectors on PostgreSQL with `size.hosts` lab hosts: polling throughput (samples stored per second across
 * the fleet) with one collector process and with two, then the fail-over when one of two is killed. Its own
 * PostgreSQL server and lab, registered through the services into that database; everything stopped at the end.
 */
export async function measureCollectors(size: CollectorsSize, work: string, log: Log): Promise<CollectorsMeasurement> {
  const pg = await startPostgres({ sharedBuffers: BENCH_SHARED_BUFFERS });
  const paidPg = owe(() => pg.stop());
  try {
    const url = await createDatabase(pg.adminUrl, "collectors");
    // One secret key for every process on the database.
    const env = { TWSCOPE_DATABASE_URL: url, TWSCOPE_SECRET_KEY: crypto.randomBytes(32).toString("base64") };
    const dataDir = path.join(work, "collectors");
    const ctx = await createContext(loadConfig({ ...env, TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" }));
    const c = new Collectors(ctx, env, work);
    const labDown = async () => {
      c.killAll();
      // The database is thrown away: one statement instead of the lab's host-by-host removal through the services.
      await ctx.db.run("DELETE FROM hosts").catch(() => {});
      await lab.down(ctx);
      await closeContext(ctx);
    };
    const paidLab = owe(labDown);
    try {
      const state = await lab.up({ plainHosts: size.hosts, durationSeconds: 3600, scenarios: false }, log, ctx);
      // The fleet is the lab's hosts: the built-in localhost (no SSH) is not polled here.
      await ctx.db.run("DELETE FROM hosts WHERE transport <> 'ssh'");
      const labNetns = new Set(state.hosts.map((h) => netnsInode(h.netns)));
      const t = size.throughput;
      await c.start(["one"], t);
      const one = await throughputWindow(ctx, c, pg, labNetns, await settle(ctx, c, size.hosts, t, log), t.windowS);
      log(`collectors: one collector ${one.perSecond.toFixed(0)} samples/s`);
      await c.start(["two"], t);
      const two = await throughputWindow(ctx, c, pg, labNetns, await settle(ctx, c, size.hosts, t, log), t.windowS);
      log(`collectors: two collectors ${two.perSecond.toFixed(0)} samples/s`);
      await c.stopAll();
      const failover = await measureFailover(ctx, c, size.hosts, size.failover, log);
      return {
        hosts: size.hosts,
        throughput: {
          settings: { intervalS: t.intervalS, leaseS: t.leaseS, concurrency: t.concurrency, readyTimeoutS: t.readyTimeoutS },
          windowS: t.windowS,
          one,
          two,
        },
        failover,
      };
    } finally {
      await labDown();
      paidLab();
    }
  } finally {
    await pg.stop();
    paidPg();
  }
}
