import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitOf, freePort, isRoot, spawn, waitForOutput } from "../support/processes";
import { buildApp } from "../support/next-app";
import { sshdAvailable, startSshd, type TestSshd } from "../support/sshd";

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);

function sockstatTw(): number {
  return Number(/tw (\d+)/.exec(fs.readFileSync("/proc/net/sockstat", "utf8"))![1]);
}

describe.runIf(runnable)("the built app (next build && next start)", () => {
  let sshd: TestSshd;
  let base: string;
  let server: ReturnType<typeof spawn>;
  let output = "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-app-"));
  const api = async (p: string, init?: RequestInit) => {
    const res = await fetch(`${base}${p}`, { ...init, headers: { "content-type": "application/json" } });
    return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text() };
  };
  /** Re-reads a host through the API until it reaches a status; the server gives no push to await. */
  const hostReaches = async (id: number, status: string) => {
    for (let i = 0; i < 100; i++) {
      const { body } = await api(`/api/hosts/${id}`);
      if (body.status === status && body.current) return body;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`host ${id} did not reach ${status}; server output:\n${output.slice(-2000)}`);
  };

  beforeAll(async () => {
    buildApp();
    sshd = await startSshd();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
      detached: true, stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TWSCOPE_DATA_DIR: dataDir, TWSCOPE_POLL_INTERVAL: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    server.stdout!.on("data", (c: Buffer) => { output += c.toString(); });
    server.stderr!.on("data", (c: Buffer) => { output += c.toString(); });
    await waitForOutput(server, /polling every 1 s/, 60_000);
  }, 700_000);

  afterAll(async () => {
    if (server && server.exitCode === null) { try { process.kill(-server.pid!, "SIGKILL"); } catch { /* gone */ } }
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
    const tested = await api("/api/connection-test", { method: "POST", body: JSON.stringify({ ...connection, hostKeyFingerprint: sshd.fingerprint }) });
    expect(tested.body).toMatchObject({ status: "ok", fingerprint: sshd.fingerprint });
    const created = await api("/api/hosts", { method: "POST", body: JSON.stringify({ ...connection, name: "ssh-loopback", hostKeyFingerprint: sshd.fingerprint }) });
    expect(created.status).toBe(201);
    const host = await hostReaches(created.body.id, "ok");
    expect(host.latest.kernel).toBe(os.release());
    const list = await api("/api/hosts");
    expect(list.body.hosts.map((h: { name: string; status: string }) => [h.name, h.status])).toContainEqual(["ssh-loopback", "ok"]);
    const series = await api(`/api/hosts/${created.body.id}/series?range=15m`);
    expect(series.body.points.length).toBeGreaterThanOrEqual(1);
  });

  it("serves the fleet page and a host page", async () => {
    expect((await api("/")).status).toBe(200);
    expect((await api("/hosts/1")).status).toBe(200);
    expect((await api("/hosts/new")).status).toBe(200);
  });

  it("stops the poller and exits cleanly on SIGTERM", async () => {
    const stopped = waitForOutput(server, /SIGTERM: poller stopped, connections closed/);
    process.kill(-server.pid!, "SIGTERM");
    await stopped;
    // next's launcher reports the signal as 128 + 15 once its server child has finished.
    expect([0, 143]).toContain(await exitOf(server));
  });
});
