import type { Db } from "@/server/db/db";
import { openDatabase } from "@/server/db/open-database";
import { ensurePartitionsBetween } from "@/server/db/postgres/partitions";
import { MINUTE_TIER, QUARTER_TIER } from "@/server/db/rollups";
import { storeSample } from "@/server/ingest/record-sample";
import { labSamples, SAMPLE_MS, SEED_RATES, STALE_AGE_MS, STALE_EVERY, type SeedResult, type SeedSize } from "./seed-database";
import { timed } from "./stats";

/** Hosts per bulk statement: 50 hosts × 24 h is 288,000 rows, a few seconds of work each. */
const HOSTS_PER_BATCH = 50;
/** Bulk statements at once: one per core of this machine's two. */
const CONNECTIONS = 2;
/** `storeSample` calls at once for the hosts' latest samples (each a handful of round trips). */
const LATEST_WORKERS = 6;

/** Host rows in one statement, named, addressed and tagged as the SQLite seeder does them. */
const HOSTS = `
  INSERT INTO hosts (name, transport, address, port, username, auth_method, key_path, tags, host_key_fingerprint,
                     status, last_error, last_poll_at, last_ok_at, created_at, updated_at)
  SELECT 'bench-' || lpad((i + 1)::text, @width::int, '0'), 'ssh', '198.19.' || (i >> 8) || '.' || (i & 255), 22, 'twscope', 'key',
         '/etc/twscope/monitor_key',
         CASE WHEN @mixed::boolean THEN '["bench","rack-' || lpad((i % 40)::text, 2, '0') || '"]' ELSE '["bench"]' END,
         'SHA256:bench' || i,
         CASE WHEN stale THEN 'unreachable' ELSE 'ok' END,
         CASE WHEN stale THEN 'connect ECONNREFUSED 198.19.0.1:22' END,
         @now::bigint, CASE WHEN stale THEN @now::bigint - ${STALE_AGE_MS} ELSE @now::bigint END, @now::bigint, @now::bigint
  FROM (SELECT i, @mixed::boolean AND i % ${STALE_EVERY} = ${STALE_EVERY - 1} AS stale FROM generate_series(0, @n::int - 1) AS i) AS g
  ORDER BY i
  RETURNING id, status`;

// The SQLite seeder's values (bench/seed-database.ts), set-based: every host of a batch crossed with its run of slots.
const SAMPLES = `
  INSERT INTO samples (host_id, ts, tw, tw_server, tw_client, estab, tw_rate, tw_overflow_rate, tw_recycled_rate,
                       tw_killed_rate, paws_passive_rate, active_opens_rate, passive_opens_rate, listen_drops_rate)
  SELECT b.id, @from::bigint + i * ${SAMPLE_MS}, 800 + (i * 37 + b.id * 101) % 3000, 600 + (i * 31 + b.id) % 2500, (i * 7) % 400,
         40 + (i * 13 + b.id) % 200, ((i * 17 + b.id) % 1000) / 7.0::float8, 0.0, (i % 50) / 3.0::float8, 0.0, 0.0,
         ((i * 11) % 900) / 7.0::float8, ((i * 19 + b.id) % 900) / 7.0::float8, 0.0
  FROM unnest(@ids::bigint[], @counts::int[]) AS b(id, n), generate_series(0, b.n - 1) AS i`;

/** Runs `fn` over `items` with `workers` of them at once. */
async function eachConcurrently<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}

/**
 * The PostgreSQL counterpart of `seedDatabase` for the scale part (raw samples only, no rollup tiers): the same
 * hosts, the same raw samples and the same latest samples, in an empty database at `url`. Host rows in one
 * statement; raw samples set-based, `INSERT … SELECT` from `generate_series` per batch of hosts, two batches at
 * a time, into daily partitions made first; then each host's latest sample through the real `storeSample`, so
 * its summary and findings rows exist; then VACUUM ANALYZE, as autovacuum would have done on a server running for a day
 * (statistics, the visibility map, and the BRIN summaries of the block ranges the bulk insert filled).
 */
export async function seedPostgres(url: string, size: SeedSize, now = Date.now()): Promise<SeedResult> {
  if (size.minuteDays > 0 || size.quarterDays > 0) throw new Error("the PostgreSQL seeder writes raw samples only");
  const started = performance.now();
  const db: Db = await openDatabase({ databaseFile: "", databaseUrl: url });
  try {
    const rawCount = (size.rawHours * 3_600_000) / SAMPLE_MS;
    const from = now - (rawCount - 1) * SAMPLE_MS;
    await db.run("DELETE FROM hosts");
    const hosts = await db.all<{ id: number; status: string }>(HOSTS, {
      n: size.hosts,
      width: size.hosts > 9999 ? 5 : 4,
      mixed: size.mixed === true,
      now,
    });
    await ensurePartitionsBetween(db, from, now);
    // As in the SQLite seeder: every slot but the last (the latest sample's), and a stale host's only up to its last poll.
    const counts = hosts.map((h) => {
      const lastOk = h.status === "ok" ? now : now - STALE_AGE_MS;
      return Math.max(0, Math.min(rawCount - 1, Math.floor((lastOk - from) / SAMPLE_MS)));
    });
    const batches: { ids: number[]; counts: number[] }[] = [];
    for (let i = 0; i < hosts.length; i += HOSTS_PER_BATCH) {
      batches.push({ ids: hosts.slice(i, i + HOSTS_PER_BATCH).map((h) => h.id), counts: counts.slice(i, i + HOSTS_PER_BATCH) });
    }
    // Replica mode skips the foreign key's check of each row (a trigger per row, more than half the cost of the load):
    // every row names a host this seeder has just inserted. The constraint stays, and holds for every later write.
    const bulk = await timed(() =>
      eachConcurrently(batches, CONNECTIONS, (b) =>
        db.tx(async (t) => {
          await t.run("SET LOCAL session_replication_role = replica");
          await t.run(SAMPLES, { ...b, from });
        }),
      ),
    );
    const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
    await db.run("INSERT INTO rollup_progress (tier, done_until) VALUES (?, ?), (?, ?) ON CONFLICT (tier) DO NOTHING", [
      MINUTE_TIER,
      minuteEnd,
      QUARTER_TIER,
      Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER,
    ]);
    const samples = labSamples();
    const latest = await timed(() =>
      eachConcurrently(
        hosts.map((h, i) => ({ ...h, i })),
        LATEST_WORKERS,
        async ({ id, status, i }) => {
          const at = status === "ok" ? now : now - STALE_AGE_MS;
          await storeSample(db, { hostId: id, at, sample: samples[i % samples.length]!, rates: SEED_RATES, bytes: 4600, durationMs: 40 });
        },
      ),
    );
    const analyze = await timed(() => db.run("VACUUM ANALYZE"));
    const rows = (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM samples"))!.n;
    const bytes = (await db.get<{ n: number }>("SELECT pg_database_size(current_database()) AS n"))!.n;
    const bulkRows = counts.reduce((a, b) => a + b, 0);
    return {
      seconds: (performance.now() - started) / 1000,
      rows: { samples: rows, rollups: 0 },
      fileBytes: bytes,
      bulkRowsPerSecond: bulkRows / (bulk.ms / 1000),
      bulkSeconds: bulk.ms / 1000,
      latestSeconds: latest.ms / 1000,
      analyzeSeconds: analyze.ms / 1000,
    };
  } finally {
    await db.close();
  }
}
