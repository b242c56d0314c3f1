import path from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "@/server/config";
import { SqliteDb } from "@/server/db/sqlite/sqlite-db";
import { prune } from "@/server/db/rollups";
import { seedDatabase } from "./seed-database";

const DAY_MS = 86_400_000;
const SAMPLES_PER_DAY = DAY_MS / 15_000;

export interface StorageGrowth {
  hosts: number;
  retention: { rawHours: number; minuteDays: number; quarterDays: number };
  /** Rows per host left after the server's own `prune` ran on more history than every tier keeps. */
  rowsPerHost: { samples: number; rollups: number };
  bytesPerRow: { samples: number; rollups: number };
  /** Bytes a host adds per day before retention removes anything (raw rows plus both rollup tiers). */
  writtenPerHostDay: number;
  /** What a host costs once every tier is full (after `quarterDays`): the database stops growing there. */
  steadyStatePerHost: number;
  /** Growth per host per day once the raw and 1-minute tiers are full: only 15-minute rollups still accumulate. */
  growthPerHostDayAfterMinuteTier: number;
}

/**
 * Seeds a small database with more history than each tier keeps, applies the server's retention
 * (`prune` with the configured policy), vacuums, and measures each table's pages with `dbstat`
 * (b-tree pages included, so bytes per row carry the index and page overhead).
 */
export async function measureStorage(workDir: string, hosts: number): Promise<StorageGrowth> {
  const { retention } = loadConfig();
  const file = path.join(workDir, "storage", "twscope.db");
  const now = Date.now();
  const days = (ms: number) => ms / DAY_MS;
  // A day more of each tier than it keeps, so that prune has something to remove everywhere.
  await seedDatabase(
    file,
    {
      hosts,
      rawHours: retention.rawMs / 3_600_000 + 24,
      minuteDays: days(retention.minuteMs) + 1,
      quarterDays: days(retention.quarterMs) + 1,
    },
    now,
  );
  const db = new Database(file);
  try {
    const ids = (db.prepare("SELECT id FROM hosts").all() as { id: number }[]).map((r) => r.id);
    await prune(new SqliteDb(db), now, retention, ids);
    db.exec("VACUUM");
    const bytes = (table: string) => (db.prepare("SELECT SUM(pgsize) AS b FROM dbstat WHERE name = ?").get(table) as { b: number }).b;
    const rows = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const bytesPerRow = { samples: bytes("samples") / rows("samples"), rollups: bytes("rollups") / rows("rollups") };
    const latestPerHost = bytes("latest_samples") / hosts;
    return {
      hosts,
      retention: { rawHours: retention.rawMs / 3_600_000, minuteDays: days(retention.minuteMs), quarterDays: days(retention.quarterMs) },
      rowsPerHost: { samples: rows("samples") / hosts, rollups: rows("rollups") / hosts },
      bytesPerRow,
      writtenPerHostDay: SAMPLES_PER_DAY * bytesPerRow.samples + (1440 + 96) * bytesPerRow.rollups,
      steadyStatePerHost: (bytes("samples") + bytes("rollups")) / hosts + latestPerHost,
      growthPerHostDayAfterMinuteTier: 96 * bytesPerRow.rollups,
    };
  } finally {
    db.close();
  }
}
