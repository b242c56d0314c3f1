import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, startServer, type RunningServer } from "../support/next-app";
import { createDatabase, startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * Two real twscope servers (`next build`, then `scripts/serve.mjs` twice, as two `npm start` behind a load
 * balancer would run) on one PostgreSQL database of a server this file starts. Every request comes from
 * 127.0.0.1, so both see the same client.
 */
describe("two twscope processes on one PostgreSQL database", () => {
  let postgres: PostgresServer;
  let first: RunningServer;
  let second: RunningServer;
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "twscope-shared-")));
  const ROOT = { name: "root", password: "root-password-1" };
  let cookie = "";

  const post = (server: RunningServer, p: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${p}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const setupToken = (server: RunningServer) => /Create the first admin at \S+\/setup\?token=([\w-]{43})/.exec(server.output())?.[1];

  beforeAll(async () => {
    buildApp();
    postgres = await startPostgres({ maxConnections: 60 });
    const url = await createDatabase(postgres.adminUrl, "shared_limits");
    // Both processes decrypt the same stored secrets, so they share the key.
    const secretKey = crypto.randomBytes(32).toString("base64");
    const env = (dataDir: string) => ({
      TWSCOPE_DATA_DIR: dataDir,
      TWSCOPE_DATABASE_URL: url,
      TWSCOPE_SECRET_KEY: secretKey,
      TWSCOPE_POLLER: "off",
    });
    [first, second] = await Promise.all([startServer(env(dataDirs[0]!)), startServer(env(dataDirs[1]!))]);
  }, 700_000);

  afterAll(async () => {
    first?.stop();
    second?.stop();
    await postgres?.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("each prints a setup link; the first's creates the admin through the second, once, and ends the second's", async () => {
    const printedByFirst = setupToken(first)!;
    const printedBySecond = setupToken(second)!;
    expect(printedByFirst).toMatch(/^[\w-]{43}$/);
    expect(printedBySecond).toMatch(/^[\w-]{43}$/);
    expect(printedBySecond).not.toBe(printedByFirst);
    const form = await fetch(`${second.base}/setup?token=${printedByFirst}`);
    expect(await form.text()).toContain("Create admin and sign in");
    const created = await post(second, "/api/setup", { token: printedByFirst, ...ROOT });
    expect(created.status).toBe(201);
    cookie = created.headers.get("set-cookie")!.split(";")[0]!;
    // The session opened on the second process is a row: the first knows it too.
    expect((await fetch(`${first.base}/api/users`, { headers: { cookie } })).status).toBe(200);
    for (const token of [printedByFirst, printedBySecond]) {
      expect((await post(first, "/api/setup", { token, name: "another", password: "another-password" })).status).toBe(403);
      expect(await (await fetch(`${first.base}/setup?token=${token}`)).text()).toContain('data-setup-link="used"');
    }
  });

  it("counts share-link requests of one client on both processes together: 60 a minute, pages and JSON alike", async () => {
    const snapshot = await post(first, "/api/snapshots", { kind: "fleet" }, { cookie });
    expect(snapshot.status).toBe(201);
    const { token } = (await snapshot.json()) as { token: string };
    const targets = [first, second].flatMap((server) => [`${server.base}/s/${token}`, `${server.base}/api/s/${token}`]);
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await fetch(targets[i % targets.length]!)).status);
    expect(statuses).toEqual(Array<number>(60).fill(200));
    for (const url of targets) {
      const refused = await fetch(url);
      expect({ url, status: refused.status }).toEqual({ url, status: 429 });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("refuses the sixth failed sign-in from one network whichever process gets it, even with the right password", async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await post(i % 2 ? second : first, "/api/session", { name: ROOT.name, password: `guess-${i}-password` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const server of [first, second]) {
      const refused = await post(server, "/api/session", ROOT);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    }
  });
});
