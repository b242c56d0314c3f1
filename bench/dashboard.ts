import path from "node:path";
import Database from "better-sqlite3";
import type { HostNamesDto } from "@/lib/dto";
import type { HostSample } from "@/lib/types";
import type { Db } from "@/server/db/db";
import { listLatestSamples } from "@/server/db/samples";
import { SqliteDb } from "@/server/db/sqlite/sqlite-db";
import { storeSample } from "@/server/ingest/record-sample";
import { startApp, type RunningApp } from "@/tests/support/next-app";
import { owe } from "./cleanup";
import { SEED_RATES } from "./seed-database";
import { timeGets, type ApiTiming, type Get } from "./http-timing";
import { timed } from "./stats";

export interface DashboardTimings {
  hosts: number;
  /** The first fleet request after start: nothing parsed or analysed yet. */
  fleetFirstMs: number;
  fleet: ApiTiming;
  /** Fleet requests after every host got a newer latest sample, as under polling. */
  fleetChurn: ApiTiming;
  chart24h: ApiTiming & { maxPoints: number; source: string };
  chart7d: ApiTiming & { maxPoints: number; source: string };
}

/** GETs through the app's signed-in `api`. */
const viaApp =
  (app: RunningApp): Get =>
  async (p) => {
    const res = await app.api(p);
    return { ok: res.ok, status: res.status, text: await res.text() };
  };

async function timeChart(app: RunningApp, ids: number[], range: "24h" | "7d", count: number) {
  let maxPoints = 0;
  let source = "";
  // A different host each request, as users open different hosts: no help from a warm SQLite page cache.
  const timing = await timeGets(viaApp(app), count, (i) => `/api/hosts/${ids[(i * 37) % ids.length]}/series?range=${range}`, {
    onBody: (body) => {
      const series = body as { points: unknown[]; source: string };
      maxPoints = Math.max(maxPoints, series.points.length);
      source = series.source;
    },
  });
  return { ...timing, maxPoints, source };
}

/** Each host's latest sample, to store again as a newer one. */
async function latestSamples(db: Db, ids: number[]): Promise<Map<number, HostSample>> {
  const all = await listLatestSamples(db);
  return new Map(ids.map((id) => [id, all.get(id)!.sample]));
}

/** Stores a newer sample for every host through the collector's own `insertSample`, as a round of polls does. */
async function storePollRound(db: Db, samples: Map<number, HostSample>): Promise<void> {
  const at = Date.now();
  await db.tx(async (t) => {
    for (const [hostId, sample] of samples) await storeSample(t, { hostId, at, sample, rates: SEED_RATES, bytes: 4600, durationMs: 40 });
  });
}

/**
 * The dashboard's heaviest reads against a seeded database, with the poller off so nothing else
 * runs. The fleet list is timed twice: as a page reload with nothing new (the server may reuse
 * what it computed), and after every host got a newer sample (stored between requests, untimed),
 * as when 1,000 hosts polled every 15 s meet a dashboard refreshing every 15 s.
 */
export async function measureDashboard(dataDir: string, requests: number): Promise<DashboardTimings> {
  const app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off" });
  const paid = owe(app.stop);
  const db = new SqliteDb(new Database(path.join(dataDir, "twscope.db")));
  try {
    const first = await timed(() => app.api("/api/hosts").then((r) => r.text()));
    const ids = ((await (await app.api("/api/hosts/names")).json()) as HostNamesDto).hosts.map((h) => h.id);
    const fleet = await timeGets(viaApp(app), requests, () => "/api/hosts");
    const samples = await latestSamples(db, ids);
    const fleetChurn = await timeGets(viaApp(app), requests, () => "/api/hosts", { before: () => storePollRound(db, samples) });
    return {
      hosts: ids.length,
      fleetFirstMs: first.ms,
      fleet,
      fleetChurn,
      chart24h: await timeChart(app, ids, "24h", requests),
      chart7d: await timeChart(app, ids, "7d", requests),
    };
  } finally {
    await db.close();
    app.stop();
    paid();
  }
}
