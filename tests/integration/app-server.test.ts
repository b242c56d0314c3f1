import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitOf, isRoot, waitForOutput } from "../support/processes";
import { buildApp, startApp, startServer, type RunningApp, type RunningServer } from "../support/next-app";
import { sshdAvailable, startSshd, type TestSshd } from "../support/sshd";

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);

function sockstatTw(): number {
  return Number(/tw (\d+)/.exec(fs.readFileSync("/proc/net/sockstat", "utf8"))![1]);
}

describe.runIf(runnable)("the built app (next build, then the twscope server as npm start runs it)", () => {
  let sshd: TestSshd;
  let app: RunningApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-app-"));
  const api = async (p: string, init?: RequestInit) => {
    const res = await app.api(p, init);
    return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text() };
  };
  /** Re-reads a host through the API until it reaches a status; the server gives no push to await. */
  const hostReaches = async (id: number, status: string) => {
    for (let i = 0; i < 100; i++) {
      const { body } = await api(`/api/hosts/${id}`);
      if (body.status === status && body.current) return body;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`host ${id} did not reach ${status}; server output:\n${app.output().slice(-2000)}`);
  };

  beforeAll(async () => {
    buildApp();
    sshd = await startSshd();
    app = await startApp({ TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLL_INTERVAL: "1" });
    expect(app.output()).toMatch(/polling every 1 s/);
  }, 700_000);

  afterAll(async () => {
    app?.stop();
    await sshd?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("monitors localhost out of the box with the kernel's own TIME_WAIT count", async () => {
    const host = await hostReaches(1, "ok");
    expect(host.name).toBe("localhost");
    const before = sockstatTw();
    const { body } = await api("/api/hosts/1");
    const after = sockstatTw();
    const slack = 20 + 0.1 * Math.max(before, after);
    expect(body.current.timeWait).toBeGreaterThanOrEqual(Math.min(before, after) - slack);
    expect(body.current.timeWait).toBeLessThanOrEqual(Math.max(before, after) + slack);
    expect(body.latest.sysctls["net.ipv4.tcp_max_tw_buckets"]).toMatch(/^\d+$/);
  });

  it("adds an SSH host through the API after a key scan, then returns it polled", async () => {
    const connection = { address: "127.0.0.1", port: sshd.port, username: sshd.user, authMethod: "key", keyPath: sshd.userKey };
    const scan = await api("/api/connection-test", { method: "POST", body: JSON.stringify(connection) });
    expect(scan.body.fingerprint).toBe(sshd.fingerprint);
    const tested = await api("/api/connection-test", {
      method: "POST",
      body: JSON.stringify({ ...connection, hostKeyFingerprint: sshd.fingerprint }),
    });
    expect(tested.body).toMatchObject({ status: "ok", fingerprint: sshd.fingerprint });
    const created = await api("/api/hosts", {
      method: "POST",
      body: JSON.stringify({ ...connection, name: "ssh-loopback", hostKeyFingerprint: sshd.fingerprint }),
    });
    expect(created.status).toBe(201);
    const host = await hostReaches(created.body.id, "ok");
    expect(host.latest.kernel).toBe(os.release());
    const list = await api("/api/hosts");
    expect(list.body.hosts.map((h: { name: string; status: string }) => [h.name, h.status])).toContainEqual(["ssh-loopback", "ok"]);
    const series = await api(`/api/hosts/${created.body.id}/series?range=15m`);
    expect(series.body.points.length).toBeGreaterThanOrEqual(1);
  });

  it("serves the fleet page and a host page to a signed-in user", async () => {
    expect((await api("/")).status).toBe(200);
    expect((await api("/hosts/1")).status).toBe(200);
    expect((await api("/hosts/new")).status).toBe(200);
  });

  it("sends a signed-out browser to sign in, coming back to the page it asked for", async () => {
    const res = await fetch(`${app.base}/hosts/1?range=6h`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent("/hosts/1?range=6h")}`);
    const page = await fetch(`${app.base}/signin`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("localhost");
  });

  it("sends security headers, with a fresh script nonce per page and no inline script without it", async () => {
    const [a, b] = await Promise.all([fetch(`${app.base}/signin`), fetch(`${app.base}/signin`)]);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = [...(await a.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect((await fetch(`${app.base}/api/hosts`)).headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses the API without a session, whatever middleware header a client forges", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
      { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    ]) {
      expect((await fetch(`${app.base}/api/hosts`, { headers })).status).toBe(401);
    }
  });

  it("refuses a cross-site POST with the admin's own cookie", async () => {
    const res = await fetch(`${app.base}/api/hosts`, {
      method: "POST",
      headers: { cookie: app.cookie, "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ name: "csrf", address: "10.0.0.1", username: "x", authMethod: "agent" }),
    });
    expect(res.status).toBe(403);
    expect((await api("/api/hosts")).body.hosts.map((h: { name: string }) => h.name)).not.toContain("csrf");
  });

  it("serves a share link without sign-in: 200 live, 410 expired, 404 unknown, with its headers", async () => {
    const created = await api("/api/snapshots", {
      method: "POST",
      body: JSON.stringify({ kind: "host", hostId: 1, range: "15m", expiresInDays: 1 }),
    });
    expect(created.status).toBe(201);
    const live = await fetch(`${app.base}${created.body.url}`);
    expect(live.status).toBe(200);
    expect(live.headers.get("referrer-policy")).toBe("no-referrer");
    expect(live.headers.get("cache-control")).toBe("no-store");
    expect(live.headers.get("x-robots-tag")).toMatch(/noindex/);
    expect(await live.text()).toContain("Read-only snapshot");
    const unknown = await fetch(`${app.base}/s/${"A".repeat(43)}`);
    expect(unknown.status).toBe(404);
    const db = new Database(path.join(dataDir, "twscope.db"));
    db.prepare("UPDATE snapshots SET expires_at = ? WHERE id = ?").run(Date.now() - 1000, created.body.id);
    db.close();
    const expired = await fetch(`${app.base}${created.body.url}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    expect((await fetch(`${app.base}/api/s/${created.body.token}`)).status).toBe(410);
  });

  it("rate-limits share links per client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await fetch(`${app.base}/s/${"B".repeat(43)}`)).status);
    expect(statuses.slice(0, 50).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("stops the poller and exits cleanly on SIGTERM", async () => {
    const stopped = waitForOutput(app.server, /SIGTERM: poller and notifier stopped, hosts handed over, connections closed/);
    process.kill(-app.server.pid!, "SIGTERM");
    await stopped;
    expect(await exitOf(app.server)).toBe(0);
  });
});

/** An HTTP request from a chosen loopback source address (127.0.0.2 is as local as 127.0.0.1). */
function requestFrom(localAddress: string, url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
  });
}

describe.runIf(runnable)("a first start, and sign-in through a trusted reverse proxy", () => {
  let server: RunningServer;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-first-"));

  beforeAll(async () => {
    buildApp();
    server = await startServer({
      TWSCOPE_DATA_DIR: dataDir,
      TWSCOPE_POLLER: "off",
      TWSCOPE_AUTH_PROXY_HEADER: "X-Forwarded-User",
      TWSCOPE_AUTH_PROXY_ADDRESSES: "127.0.0.2",
    });
  }, 700_000);

  afterAll(() => {
    server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints a one-time setup link that creates the first admin", async () => {
    const link = /Create the first admin at (http:\/\/\S+\/setup\?token=([\w-]{43}))/.exec(server.output());
    expect(link).not.toBeNull();
    const page = await fetch(link![1]!.replace(/^http:\/\/[^/]+/, server.base));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Create admin and sign in");
    const body = JSON.stringify({ token: link![2], name: "boss", password: "boss-password-1" });
    const created = await fetch(`${server.base}/api/setup`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(created.status).toBe(201);
    const cookie = created.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${server.base}/api/users`, { headers: { cookie } })).status).toBe(200);
    const reused = await fetch(`${server.base}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body.replace("boss", "boss2"),
    });
    expect(reused.status).toBe(403);
  });

  it("honours the proxy's user header only from the configured proxy address", async () => {
    const url = `${server.base}/api/session`;
    const direct = await requestFrom("127.0.0.1", url, { "x-forwarded-user": "boss" });
    expect(JSON.parse(direct.body).user).toBeNull();
    const viaProxy = await requestFrom("127.0.0.2", url, { "x-forwarded-user": "boss" });
    expect(JSON.parse(viaProxy.body).user).toMatchObject({ name: "boss", role: "admin", via: "proxy" });
    const stranger = await requestFrom("127.0.0.2", `${server.base}/api/users`, { "x-forwarded-user": "someone-new" });
    expect(stranger.status).toBe(403);
    expect((await requestFrom("127.0.0.2", `${server.base}/api/hosts`, { "x-forwarded-user": "someone-new" })).status).toBe(200);
    // A forged peer header does not make a direct client a proxy.
    const forged = await requestFrom("127.0.0.1", url, {
      "x-forwarded-user": "boss",
      "x-twscope-peer": "127.0.0.2",
      "x-forwarded-for": "127.0.0.2",
    });
    expect(JSON.parse(forged.body).user).toBeNull();
  });
});
