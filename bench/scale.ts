import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import type { HostNamesDto } from "@/lib/dto";
import type { HostSample } from "@/lib/types";
import type { Db } from "@/server/db/db";
import { openDatabase } from "@/server/db/open-database";
import { listLatestSamples } from "@/server/db/samples";
import { SqliteDb } from "@/server/db/sqlite/sqlite-db";
import { storeSample } from "@/server/ingest/record-sample";
import { launchChromium } from "@/tests/support/browser";
import { startApp } from "@/tests/support/next-app";
import { createDatabase, startPostgres } from "@/tests/support/postgres-server";
import { owe } from "./cleanup";
import { BENCH_SHARED_BUFFERS } from "./postgres-settings";
import { timeGets, type ApiTiming, type Get } from "./http-timing";
import { SEED_RATES, seedDatabase, type SeedResult } from "./seed-database";
import { seedPostgres } from "./seed-postgres";
import { median, timed } from "./stats";

/** Whether a fetch failed because the server had closed the kept-alive connection, before any answer. */
function closedBeforeAnswer(err: unknown): boolean {
  const code = ((err as Error).cause as { code?: string } | undefined)?.code;
  return code === "UND_ERR_SOCKET" || code === "ECONNRESET";
}

/** The filtered, sorted view the scale part times beside the default one: a third page of critical hosts by TIME_WAIT. */
export const FILTERED_VIEW = "severity=critical&sort=tw&dir=desc&page=3";

/** A twscope server already running on a seeded database, and a signed-in session on it. */
interface ScaleTarget {
  base: string;
  /** `name=value` of a session cookie. */
  cookie: string;
  /**
   * Run once after the first request, untimed: gives every polled host a sample of now, so the
   * seeded hosts are fresh while measured. Engine-specific, so the caller brings it.
   */
  pollAll?: () => void | Promise<void>;
  /**
   * Stores a newer sample for part of the fleet, as polls do between two refreshes of the page; run
   * before each request of the churn figure, untimed.
   */
  pollSome?: () => void | Promise<void>;
}

interface PaintTiming {
  /** Chromium's first-contentful-paint entry, per load. */
  fcpMs: number[];
  /** From the start of navigation until the frame in which the table's first row is laid out, per load. */
  firstRowMs: number[];
  fcpMedianMs: number;
  firstRowMedianMs: number;
}

interface ScaleTimings {
  hosts: number;
  fleetFirstMs: number;
  fleet: ApiTiming;
  fleetFiltered: ApiTiming & { matched: number };
  fleetChurn: ApiTiming | null;
  chart24h: ApiTiming & { maxPoints: number; source: string };
  paint: PaintTiming;
}

/**
 * The scale figures of one server, whatever its storage engine: `GET /api/hosts` (the first page in
 * the default sort, and a filtered, sorted page), the chart API on a different host each time, and
 * the fleet page's first paint in Chromium. Only HTTP and the browser: the caller starts the server.
 */
async function measureScaleServer(target: ScaleTarget, requests: number, paints: number): Promise<ScaleTimings> {
  const once = async (p: string) => {
    const res = await fetch(`${target.base}${p}`, { headers: { cookie: target.cookie } });
    return { ok: res.ok, status: res.status, text: await res.text() };
  };
  // The untimed SQLite writes between requests are synchronous and can hold this process's event loop past the
  // server's keep-alive timeout (5 s): fetch then finds its pooled connection closed by the server before it
  // sent anything ("other side closed"). That GET is asked again once, on a new connection.
  const get: Get = async (p) => {
    try {
      return await once(p);
    } catch (err) {
      if (!closedBeforeAnswer(err)) throw err;
      return once(p);
    }
  };
  const first = await timed(() => get("/api/hosts"));
  if (!first.result.ok) throw new Error(`GET /api/hosts: ${first.result.status}`);
  await target.pollAll?.();
  const ids = (JSON.parse((await get("/api/hosts/names")).text) as HostNamesDto).hosts.map((h) => h.id);
  const fleet = await timeGets(get, requests, () => "/api/hosts");
  let matched = 0;
  const fleetFiltered = await timeGets(get, requests, () => `/api/hosts?${FILTERED_VIEW}`, {
    onBody: (body) => (matched = (body as { matched: number }).matched),
  });
  const fleetChurn = target.pollSome ? await timeGets(get, requests, () => "/api/hosts", { before: target.pollSome }) : null;
  let maxPoints = 0;
  let source = "";
  const chart24h = await timeGets(get, requests, (i) => `/api/hosts/${ids[(i * 37) % ids.length]}/series?range=24h`, {
    onBody: (body) => {
      const series = body as { points: unknown[]; source: string };
      maxPoints = Math.max(maxPoints, series.points.length);
      source = series.source;
    },
  });
  const paint = await measureFirstPaint(target, paints);
  return {
    hosts: ids.length,
    fleetFirstMs: first.ms,
    fleet,
    fleetFiltered: { ...fleetFiltered, matched },
    fleetChurn,
    chart24h: { ...chart24h, maxPoints, source },
    paint,
  };
}

/** Loads the fleet page `count` times after one warm-up, each in a fresh browser context (no cache), signed in. */
async function measureFirstPaint(target: ScaleTarget, count: number): Promise<PaintTiming> {
  const browser: Browser = await launchChromium();
  const paid = owe(() => browser.close());
  const [name, value] = target.cookie.split("=") as [string, string];
  const fcpMs: number[] = [];
  const firstRowMs: number[] = [];
  try {
    for (let i = 0; i < count + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name, value, url: target.base, httpOnly: true, sameSite: "Lax" }]);
      await context.addInitScript(WATCH_FIRST_ROW);
      const page = await context.newPage();
      await page.goto(`${target.base}/`, { waitUntil: "commit" });
      await page.locator("tbody tr").first().waitFor({ state: "visible" });
      const { fcp, row } = (await page.evaluate(PAINT_TIMES)) as { fcp: number; row: number };
      if (!Number.isFinite(fcp) || !Number.isFinite(row)) throw new Error("Chromium reported no paint timing for the fleet page");
      if (i > 0) {
        fcpMs.push(fcp);
        firstRowMs.push(row);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    paid();
  }
  return { fcpMs, firstRowMs, fcpMedianMs: median(fcpMs), firstRowMedianMs: median(firstRowMs) };
}

// Page scripts are strings: functions compiled by tsx carry helpers that do not exist in the page.

/**
 * In the page, from its first script on: the moment of the first frame in which the table has a row
 * with a size (a requestAnimationFrame callback runs just before its frame is painted).
 */
const WATCH_FIRST_ROW = `(() => {
  const check = () => {
    const row = document.querySelector("tbody tr");
    if (row && row.getBoundingClientRect().height > 0) window.firstRowAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

/** In the page: its first contentful paint and first row, both from the start of navigation by the page's own clock. */
const PAINT_TIMES = `new Promise((resolve) => {
  const done = (fcp) => resolve({ fcp, row: window.firstRowAt ?? NaN });
  new PerformanceObserver((list) => {
    const entry = list.getEntries().find((e) => e.name === "first-contentful-paint");
    if (entry) done(entry.startTime);
  }).observe({ type: "paint", buffered: true });
  setTimeout(() => done(NaN), 5000);
})`;

export interface ScaleSize {
  hosts: number;
  rawHours: number;
  requests: number;
  paints: number;
}

/** The engines the scale part runs on, in the order of the report's columns. */
export const SCALE_ENGINES = ["sqlite", "postgres"] as const;
export type ScaleEngine = (typeof SCALE_ENGINES)[number];

/** One engine's scale figures, with its seeding. */
export type EngineScale = ScaleTimings & { seed: SeedResult };

/**
 * `storeSample` calls at once for a round of newer samples: one on SQLite (one connection, and each call
 * is synchronous work), several on PostgreSQL, each in a transaction of its own, as several polls store theirs.
 */
const ROUND_WORKERS: Record<ScaleEngine, number> = { sqlite: 1, postgres: 6 };

/** The seeded database of one engine, and a `Db` on it for the untimed writes between requests. */
interface Seeded {
  seed: SeedResult;
  /** What the server needs besides its data directory to open the same database. */
  env: Record<string, string>;
  db: Db;
  /** Stops the database's server, if it has one of its own. */
  stop: () => Promise<void>;
}

async function seedSqlite(dataDir: string, size: ScaleSize): Promise<Seeded> {
  const file = path.join(dataDir, "twscope.db");
  const seed = await seedDatabase(file, { hosts: size.hosts, rawHours: size.rawHours, minuteDays: 0, quarterDays: 0, mixed: true });
  return { seed, env: {}, db: new SqliteDb(new Database(file)), stop: async () => {} };
}

/** A PostgreSQL server of the benchmark's own (Debian's package, a private port and data directory), stopped at the end. */
async function seedOnPostgres(size: ScaleSize): Promise<Seeded> {
  const server = await startPostgres({ sharedBuffers: BENCH_SHARED_BUFFERS });
  const paid = owe(() => server.stop());
  try {
    const url = await createDatabase(server.adminUrl, "scale");
    const seed = await seedPostgres(url, { hosts: size.hosts, rawHours: size.rawHours, minuteDays: 0, quarterDays: 0, mixed: true });
    const db = await openDatabase({ databaseFile: "", databaseUrl: url });
    return {
      seed,
      env: { TWSCOPE_DATABASE_URL: url },
      db,
      stop: async () => {
        await server.stop();
        paid();
      },
    };
  } catch (err) {
    await server.stop();
    paid();
    throw err;
  }
}

/**
 * The scale part on one engine: a database seeded like a server that has polled `size.hosts` hosts every
 * 15 s for `size.rawHours` (4 % of them stale and unreachable), served by `scripts/serve.mjs` with the poller
 * off. Before the timings every host but the stale ones gets a newer sample (so they are fresh); for the churn
 * figure a third of them get one before each request, as a page refreshing every 5 s meets hosts polled every 15 s.
 * On PostgreSQL the database lives in a server of its own, started here and stopped at the end.
 */
export async function measureScaleOn(engine: ScaleEngine, dataDir: string, size: ScaleSize): Promise<EngineScale> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const seeded = engine === "sqlite" ? await seedSqlite(dataDir, size) : await seedOnPostgres(size);
  const { db } = seeded;
  try {
    const app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLLER: "off", ...seeded.env });
    const paid = owe(app.stop);
    try {
      const polled = await freshHostSamples(db);
      const ids = [...polled.keys()];
      const third = Math.ceil(ids.length / 3);
      let round = 0;
      const workers = ROUND_WORKERS[engine];
      const pollSome = () => {
        const part = ids.slice((round % 3) * third, (round % 3) * third + third);
        round++;
        return storeRound(db, part, polled, workers);
      };
      const pollAll = () => storeRound(db, ids, polled, workers);
      const timings = await measureScaleServer({ base: app.base, cookie: app.cookie, pollAll, pollSome }, size.requests, size.paints);
      return { ...timings, seed: seeded.seed };
    } catch (err) {
      // A request that fails says why only with the server's side of it.
      const exit = app.server.exitCode ?? app.server.signalCode;
      throw new Error(
        `${(err as Error).message}; the server ${exit === null ? "still runs" : `exited (${exit})`}, its last output: ${app.output().slice(-2000)}`,
        { cause: (err as Error).cause },
      );
    } finally {
      app.stop();
      paid();
    }
  } finally {
    await db.close();
    await seeded.stop();
  }
}

/** Each host's latest sample, for hosts whose status is "ok" (the stale ones stay stale). */
async function freshHostSamples(db: Db): Promise<Map<number, HostSample>> {
  const ids = new Set((await db.all<{ id: number }>("SELECT id FROM hosts WHERE status = 'ok'")).map((r) => r.id));
  const latest = await listLatestSamples(db);
  return new Map([...latest].filter(([id]) => ids.has(id)).map(([id, s]) => [id, s.sample]));
}

/** Stores a newer sample for `ids` through the collector's own path, `workers` transactions at once. */
async function storeRound(db: Db, ids: number[], samples: Map<number, HostSample>, workers: number): Promise<void> {
  const at = Date.now();
  const share = Math.ceil(ids.length / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      db.tx(async (t) => {
        for (const hostId of ids.slice(w * share, (w + 1) * share))
          await storeSample(t, { hostId, at, sample: samples.get(hostId)!, rates: SEED_RATES, bytes: 4600, durationMs: 40 });
      }),
    ),
  );
}
