import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseAnyBundle } from "@/lib/bundle/parse-any-bundle";
import type { HostSample, SampleRates } from "@/lib/types";
import { openDatabase } from "@/server/db/open-database";
import { SqliteDb } from "@/server/db/sqlite/sqlite-db";
import { MINUTE_TIER, QUARTER_TIER } from "@/server/db/rollups";
import { storeSample } from "@/server/ingest/record-sample";

export const SAMPLE_MS = 15_000;
const LAB_BUNDLES = path.join(process.cwd(), "tests", "fixtures", "bundles", "lab");

export interface SeedSize {
  hosts: number;
  /** Raw 15 s samples ending now. */
  rawHours: number;
  /** Days of each rollup tier, ending at the last whole bucket. */
  minuteDays: number;
  quarterDays: number;
  /**
   * A fleet with something to filter: each host tagged with one of 40 racks besides "bench", and
   * every 25th host unreachable since its last sample, 2 hours ago (stale). Off: every host "ok", tagged "bench".
   */
  mixed?: boolean;
}

export const STALE_EVERY = 25;
export const STALE_AGE_MS = 2 * 3_600_000;

export interface SeedResult {
  seconds: number;
  rows: { samples: number; rollups: number };
  /** The database file's size (SQLite), or the database's (PostgreSQL). */
  fileBytes: number;
  /** The set-based bulk writes (hosts, raw samples, rollups) alone: their time, and their rows per second. */
  bulkSeconds: number;
  bulkRowsPerSecond: number;
  /** Storing each host's latest sample through `storeSample`. */
  latestSeconds: number;
  /** PostgreSQL: ANALYZE after the load. */
  analyzeSeconds?: number;
}

// Plausible values that vary by host and time, so the B-tree and its varints look like real data.
const SAMPLES = `
  WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < @n - 1)
  INSERT INTO samples (host_id, ts, tw, tw_server, tw_client, estab, tw_rate, tw_overflow_rate, tw_recycled_rate,
                       tw_killed_rate, paws_passive_rate, active_opens_rate, passive_opens_rate, listen_drops_rate)
  SELECT @id, @from + i * ${SAMPLE_MS}, 800 + (i * 37 + @id * 101) % 3000, 600 + (i * 31 + @id) % 2500, (i * 7) % 400,
         40 + (i * 13 + @id) % 200, ((i * 17 + @id) % 1000) / 7.0, 0.0, (i % 50) / 3.0, 0.0, 0.0,
         ((i * 11) % 900) / 7.0, ((i * 19 + @id) % 900) / 7.0, 0.0
  FROM t`;

const ROLLUPS = `
  WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < @n - 1)
  INSERT INTO rollups (host_id, tier, ts, n, tw_min, tw_max, tw_avg, estab_avg, tw_server_avg, tw_client_avg,
                       tw_rate, tw_overflow_rate, tw_recycled_rate, active_opens_rate)
  SELECT @id, @tier, @from + i * @tier, @tier / ${SAMPLE_MS}, 700 + (i * 37 + @id) % 1000, 2000 + (i * 41) % 2000,
         1500 + ((i * 37 + @id) % 1000) / 3.0, 40 + ((i * 13) % 2000) / 9.0, 1000 + ((i * 29 + @id) % 700) / 3.0,
         300 + (i % 90) / 7.0, ((i * 17 + @id) % 1000) / 7.0, 0.0, (i % 50) / 3.0, ((i * 11) % 900) / 7.0
  FROM t`;

/** The lab's captured bundles, parsed the way the collector parses a poll: one per scenario, rotated over the hosts. */
export function labSamples(): HostSample[] {
  return fs
    .readdirSync(LAB_BUNDLES)
    .filter((f) => !f.includes(".later."))
    .sort()
    .map((f) => parseAnyBundle(fs.readFileSync(path.join(LAB_BUNDLES, f), "utf8")).sample);
}

/** The rates stored with every seeded latest sample. */
export const SEED_RATES: SampleRates = {
  twPerSec: 42.5,
  twRecycledPerSec: 0,
  twKilledPerSec: 0,
  twOverflowPerSec: 0,
  pawsPassivePerSec: 0,
  activeOpensPerSec: 12.25,
  passiveOpensPerSec: 48.75,
  listenDropsPerSec: 0,
};

/**
 * A database as a server polling `size.hosts` SSH hosts every 15 s would have: host rows, raw
 * samples, both rollup tiers with their progress marked done (so the server's retention step does
 * not refold them), and each host's latest sample stored by the collector's own `insertSample`.
 * Bulk rows come from SQL in one transaction, with the journal off while seeding.
 */
export async function seedDatabase(file: string, size: SeedSize, now = Date.now()): Promise<SeedResult> {
  const started = performance.now();
  await (await openDatabase({ databaseFile: file })).close(); // the schema, through the real migrations
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const samples = labSamples();
  const minuteEnd = Math.floor(now / MINUTE_TIER) * MINUTE_TIER;
  const rawCount = (size.rawHours * 3_600_000) / SAMPLE_MS;
  const latest: { id: number; at: number; sample: HostSample }[] = [];
  const bulkStarted = performance.now();
  db.transaction(() => {
    db.prepare("DELETE FROM hosts").run();
    const host = db.prepare(`
      INSERT INTO hosts (name, transport, address, port, username, auth_method, key_path, tags, host_key_fingerprint,
                         status, last_error, last_poll_at, last_ok_at, created_at, updated_at)
      VALUES (?, 'ssh', ?, 22, 'twscope', 'key', '/etc/twscope/monitor_key', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const raw = db.prepare(SAMPLES);
    const rollup = db.prepare(ROLLUPS);
    for (let i = 0; i < size.hosts; i++) {
      const stale = size.mixed === true && i % STALE_EVERY === STALE_EVERY - 1;
      const tags = JSON.stringify(size.mixed ? ["bench", `rack-${String(i % 40).padStart(2, "0")}`] : ["bench"]);
      const lastOk = stale ? now - STALE_AGE_MS : now;
      const id = Number(
        host.run(
          `bench-${String(i + 1).padStart(size.hosts > 9999 ? 5 : 4, "0")}`,
          `198.19.${i >> 8}.${i & 255}`,
          tags,
          `SHA256:bench${i}`,
          stale ? "unreachable" : "ok",
          stale ? "connect ECONNREFUSED 198.19.0.1:22" : null,
          now,
          lastOk,
          now,
          now,
        ).lastInsertRowid,
      );
      const lastRaw = Math.floor((lastOk - (now - (rawCount - 1) * SAMPLE_MS)) / SAMPLE_MS);
      const rawRows = Math.min(rawCount - 1, lastRaw);
      if (rawRows > 0) raw.run({ id, n: rawRows, from: now - (rawCount - 1) * SAMPLE_MS });
      for (const [tier, days] of [
        [MINUTE_TIER, size.minuteDays],
        [QUARTER_TIER, size.quarterDays],
      ] as const) {
        const end = Math.floor(minuteEnd / tier) * tier;
        const n = Math.round((days * 86_400_000) / tier);
        if (n > 0) rollup.run({ id, tier, n, from: end - n * tier });
      }
      latest.push({ id, at: lastOk, sample: samples[i % samples.length]! });
    }
    const progress = db.prepare("INSERT INTO rollup_progress (tier, done_until) VALUES (?, ?)");
    progress.run(MINUTE_TIER, minuteEnd);
    progress.run(QUARTER_TIER, Math.floor(minuteEnd / QUARTER_TIER) * QUARTER_TIER);
  })();
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  const latestStarted = performance.now();
  const store = new SqliteDb(db);
  for (const { id, at, sample } of latest) {
    await storeSample(store, { hostId: id, at, sample, rates: SEED_RATES, bytes: 4600, durationMs: 40 });
  }
  const latestSeconds = (performance.now() - latestStarted) / 1000;
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const rows = { samples: count("samples"), rollups: count("rollups") };
  db.pragma("journal_mode = WAL");
  db.close();
  return {
    seconds: (performance.now() - started) / 1000,
    rows,
    fileBytes: fs.statSync(file).size,
    bulkSeconds,
    // Every row but the latest samples', which storeSample wrote.
    bulkRowsPerSecond: (rows.samples - latest.length + rows.rollups) / bulkSeconds,
    latestSeconds,
  };
}
