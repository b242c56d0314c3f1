import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FleetDto } from "@/lib/dto";
import { loadConfig } from "@/server/config";
import { closeContext, createContext, type AppContext } from "@/server/context";
import { createHost } from "@/server/services/hosts/hosts";
import { createUser } from "@/server/services/users";
import { launchChromium } from "../support/browser";
import { startCollectorProcess, type CollectorProcess } from "../support/collector-process";
import { buildApp, startServer, type RunningServer } from "../support/next-app";
import { createDatabase, postgresBinDir, startPostgres, type PostgresServer } from "../support/postgres-server";
import { isRoot } from "../support/processes";
import { sshdAvailable, sshdHost, startSshd, type TestSshd } from "../support/sshd";

const runnable = sshdAvailable() && postgresBinDir() !== null && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the collectors test: it needs openssh-server and postgresql (npm test installs both as root)");

const LEASE_S = 3;
const INTERVAL_S = 1;
const ADMIN = { name: "ops", password: "ops-password-1" };
const SHOTS = path.join("test-results", "screenshots");

/** Checks `check` every 200 ms until it holds, at most `ms`: for what other processes do to the database. */
async function until<T>(check: () => Promise<T | false | null | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(runnable)("several twscope processes on one PostgreSQL database", { timeout: 120_000 }, () => {
  let pg: PostgresServer;
  let sshd: TestSshd;
  let ctx: AppContext;
  let web: Record<"a" | "b", RunningServer>;
  let dc1: CollectorProcess;
  const dirs: string[] = [];
  let env: Record<string, string>;
  const hostIds: Record<string, number> = {};

  const leases = async () =>
    ctx.db.all<{ host_id: number; name: string; zone: string | null }>(
      `SELECT l.host_id, c.name, h.zone FROM host_leases l JOIN collectors c ON c.id = l.collector_id JOIN hosts h ON h.id = l.host_id
       WHERE l.expires_at >= ?`,
      [Date.now()],
    );
  const ownersOf = async () => new Map((await leases()).map((l) => [l.host_id, l.name]));
  const fleetOf = async (server: RunningServer, cookie: string) =>
    (await (await fetch(`${server.base}/api/hosts?pageSize=100`, { headers: { cookie } })).json()) as FleetDto;
  const signIn = async (server: RunningServer) => {
    const res = await fetch(`${server.base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };

  beforeAll(async () => {
    buildApp();
    pg = await startPostgres();
    const url = await createDatabase(pg.adminUrl, "fleet");
    // One secret key for every process: the stored secrets and the key check are shared.
    env = {
      TWSCOPE_DATABASE_URL: url,
      TWSCOPE_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
      TWSCOPE_POLL_INTERVAL: String(INTERVAL_S),
      TWSCOPE_LEASE: String(LEASE_S),
    };
    const dataDir = () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-collectors-"));
      dirs.push(d);
      return d;
    };
    ctx = await createContext(loadConfig({ ...env, TWSCOPE_DATA_DIR: dataDir(), TWSCOPE_POLLER: "off" }));
    sshd = await startSshd();
    await ctx.db.run("DELETE FROM hosts");
    for (let i = 0; i < 12; i++) {
      const name = i < 4 ? `dc1-${i}` : `web-${i}`;
      const host = await createHost(ctx, { ...sshdHost(sshd, name), ...(i < 4 ? { zone: "dc1" } : {}) }, "test");
      hostIds[name] = host.id;
    }
    await createUser(ctx, ADMIN.name, "admin", ADMIN.password, "test");
    const [a, b] = await Promise.all(
      (["a", "b"] as const).map((n) => startServer({ ...env, TWSCOPE_DATA_DIR: dataDir(), TWSCOPE_COLLECTOR_NAME: `web-${n}` })),
    );
    web = { a: a!, b: b! };
    dc1 = await startCollectorProcess({ ...env, TWSCOPE_DATA_DIR: dataDir() }, ["--zone", "dc1", "--name", "dc1-a"]);
  }, 700_000);

  afterAll(async () => {
    web?.a.stop();
    web?.b.stop();
    dc1?.kill();
    if (ctx) await closeContext(ctx);
    await sshd?.stop();
    await pg?.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("divides the hosts between the collectors, each held by one, a zone's hosts by that zone's collector only", async () => {
    const owners = await until(
      async () => {
        const o = await ownersOf();
        const names = new Set(o.values());
        return o.size === 12 && names.has("web-a") && names.has("web-b") && names.has("dc1-a") ? o : null;
      },
      30_000,
      "every host leased, by all three collectors",
    );
    for (const [name, id] of Object.entries(hostIds)) {
      if (name.startsWith("dc1-")) expect(owners.get(id)).toBe("dc1-a");
      else expect(["web-a", "web-b"]).toContain(owners.get(id));
    }
  });

  it("polls every host, none twice within an interval", async () => {
    const from = Date.now();
    await until(
      async () => {
        const rows = await ctx.db.all<{ host_id: number; n: number }>(
          "SELECT host_id, COUNT(*) AS n FROM samples WHERE ts >= ? GROUP BY host_id",
          [from],
        );
        return rows.length === 12 && rows.every((r) => r.n >= 4);
      },
      30_000,
      "four samples of every host",
    );
    const samples = await ctx.db.all<{ host_id: number; ts: number }>(
      "SELECT host_id, ts FROM samples WHERE ts >= ? ORDER BY host_id, ts",
      [from],
    );
    const gaps = samples.flatMap((s, i) => (i > 0 && samples[i - 1]!.host_id === s.host_id ? [s.ts - samples[i - 1]!.ts] : []));
    // One poller per host: samples a poll interval apart, within its ±10 % jitter; two would come about half as far apart.
    expect(Math.min(...gaps)).toBeGreaterThan(0.75 * INTERVAL_S * 1000);
  });

  it("keeps a session signed in on one process valid on the other", async () => {
    const cookie = await signIn(web.a);
    const me = (await (await fetch(`${web.b.base}/api/session`, { headers: { cookie } })).json()) as { user: { name: string } | null };
    expect(me.user?.name).toBe(ADMIN.name);
  });

  it("runs retention and the alerts in exactly one process each", async () => {
    const roles = await until(
      async () => {
        const rows = await ctx.db.all<{ roles: string }>("SELECT roles FROM collectors WHERE stopped_at IS NULL");
        const all = rows.flatMap((r) => JSON.parse(r.roles) as string[]);
        return all.includes("retention") && all.includes("alerts") ? all : null;
      },
      20_000,
      "both duties reported",
    );
    expect(roles.filter((r) => r === "retention")).toHaveLength(1);
    expect(roles.filter((r) => r === "alerts")).toHaveLength(1);
  });

  it("shows on either dashboard who polls each host, with samples another process took", async () => {
    const cookie = await signIn(web.b);
    const fleet = await fleetOf(web.b, cookie);
    const owners = await ownersOf();
    expect(fleet.hosts).toHaveLength(12);
    for (const h of fleet.hosts) {
      expect(h.collector).toBe(owners.get(h.id));
      expect(h.current?.at).toBeGreaterThan(Date.now() - 10_000);
    }
    expect(
      fleet.collectors
        .filter((c) => c.state === "live")
        .map((c) => c.name)
        .sort(),
    ).toEqual(["dc1-a", "web-a", "web-b"]);
  });

  it("moves a killed collector's hosts to the other within two lease periods and an interval", async () => {
    const owners = await ownersOf();
    const orphans = [...owners].filter(([, name]) => name === "web-b").map(([id]) => id);
    expect(orphans.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    process.kill(-web.b.server.pid!, "SIGKILL");
    const resumed = await until(
      async () => {
        const rows = await ctx.db.all<{ host_id: number; first: number }>(
          `SELECT host_id, MIN(ts) AS first FROM samples WHERE ts > ? AND host_id IN (${orphans.map(() => "?").join(", ")}) GROUP BY host_id`,
          [killedAt, ...orphans],
        );
        return rows.length === orphans.length ? Math.max(...rows.map((r) => r.first)) : null;
      },
      30_000,
      "a new sample of each of its hosts",
    );
    // The bound plus what a poll itself takes (a second or so for a new SSH connection on a busy machine).
    expect(resumed - killedAt).toBeLessThan((2 * LEASE_S + INTERVAL_S + 3) * 1000);
    const after = await ownersOf();
    for (const id of orphans) expect(after.get(id)).toBe("web-a");
  });

  it("shows who polls each host and the collectors on the fleet page, in Chromium at 1280 and 390 px", async () => {
    const browser = await launchChromium();
    try {
      const cookie = await signIn(web.a);
      const [name, value] = cookie.split("=") as [string, string];
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        await context.addCookies([{ name, value, url: web.a.base, httpOnly: true, sameSite: "Lax" }]);
        const page = await context.newPage();
        await page.goto(`${web.a.base}/?sort=name&dir=asc`);
        const panel = page.getByRole("region", { name: "Collectors" });
        await expect(panel.locator('[data-state="live"]').count()).resolves.toBe(2);
        await expect(panel.locator('[data-collector="web-b"]').getAttribute("data-state")).resolves.toBe("silent");
        if (width === 1280) {
          const owners = await ownersOf();
          const row = page.locator(`tr[data-host="dc1-0"]`);
          await expect(row.locator('[data-field="collector"]').innerText()).resolves.toBe(`by ${owners.get(hostIds["dc1-0"]!)}`);
          await expect(row.locator('[data-field="zone"]').innerText()).resolves.toBe("zone dc1");
        }
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, `collectors-fleet-${width}.png`), fullPage: true });
        if (width === 1280) {
          await page.goto(`${web.a.base}/hosts/${hostIds["dc1-0"]}`);
          await expect(page.locator('[data-field="zone"]').innerText()).resolves.toBe("zone dc1");
          await page.screenshot({ path: path.join(SHOTS, "collectors-host-1280.png") });
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });

  it("shows a zone whose collector stopped as having none, and its hosts as not polled", async () => {
    await dc1.stop();
    const cookie = await signIn(web.a);
    const fleet = await until(
      async () => {
        const f = await fleetOf(web.a, cookie);
        return f.uncoveredZones.some((z) => z.zone === "dc1") ? f : null;
      },
      10_000,
      "zone dc1 without a collector",
    );
    expect(fleet.uncoveredZones).toEqual([{ zone: "dc1", hosts: 4 }]);
    const dc1Hosts = fleet.hosts.filter((h) => h.zone === "dc1");
    expect(dc1Hosts).toHaveLength(4);
    expect(dc1Hosts.every((h) => h.noCollector && h.collector === null)).toBe(true);
    expect(fleet.hosts.filter((h) => h.zone === null).every((h) => !h.noCollector)).toBe(true);
    expect(fleet.collectors.find((c) => c.name === "dc1-a")?.state).toBe("stopped");
  });
});
