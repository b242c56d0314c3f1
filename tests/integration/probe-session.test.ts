import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Client } from "ssh2";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { pollOverSsh } from "../support/polling";
import { eventually, isRoot } from "../support/processes";
import { sshdAvailable, sshdHost, startSshd, type TestSshd } from "../support/sshd";
import { makeTimeWait } from "../support/time-wait";
import { sshTargetOf } from "@/server/context";
import { getHost } from "@/server/db/hosts";
import { createHost } from "@/server/services/hosts/hosts";
import { SERVE_COMMAND } from "@/server/transport/probe-session";

// Warm polls over a serving probe (server/transport/probe-session.ts) against a real sshd: one
// exec per session, the fallback to single runs, and a session that stops answering.

const ctx = await useTestContext({ TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5" }, { prefix: "twscope-session-" });

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
const SAVED_BUNDLE = path.join(process.cwd(), "tests/fixtures/bundles/lab/upstream.txt");

/** Process ids of the serving probes the test user runs. */
function servingProbes(user: string): number[] {
  const res = spawnSync("pgrep", ["-u", user, "-f", "mode=serve"], { encoding: "utf8" });
  return res.stdout.split("\n").filter(Boolean).map(Number);
}

describe.runIf(runnable)("polls over a serving probe session", () => {
  let sshd: TestSshd;
  /** A host whose key may only `cat` a saved bundle: a probe that cannot serve, as an old install. */
  let singleOnly: TestSshd;
  const execs: string[] = [];

  const addHost = async (name: string, on: TestSshd) => {
    const dto = await createHost(ctx, sshdHost(on, name), "test");
    return (await getHost(ctx.db, dto.id))!;
  };

  /** Polls `host` once through the collector, with the given probe deadline. */
  const poll = async (host: Awaited<ReturnType<typeof addHost>>, options: { sessions?: boolean; timeoutMs?: number } = {}) => {
    const client: Client = (await ctx.pool.acquire(host.id, sshTargetOf(host, ctx))).client;
    // Counts the commands the connection starts: the real client, only watched.
    if (!(client as Client & { watched?: boolean }).watched) {
      const exec = client.exec.bind(client) as unknown as (...args: unknown[]) => Client;
      Object.assign(client, {
        watched: true,
        exec: (...args: unknown[]) => {
          execs.push(String(args[0]));
          return exec(...args);
        },
      });
    }
    return pollOverSsh(ctx, host, options);
  };

  beforeAll(async () => {
    sshd = await startSshd();
    singleOnly = await startSshd([], { authorizedKeys: (key) => `restrict,command="cat ${SAVED_BUNDLE}" ${key}` });
  });
  afterEach(() => {
    ctx.pool.closeAll();
    execs.length = 0;
  });
  afterAll(async () => {
    ctx.pool.closeAll();
    await sshd?.stop();
    await singleOnly?.stop();
  });

  it("answers every warm poll from one probe session, with what the host holds at that poll", async () => {
    const host = await addHost("session-warm", sshd);
    const first = await poll(host);
    expect(first.error).toBeNull();
    const made = await makeTimeWait("server", 40);
    const second = await poll(host);
    const third = await poll(host);
    made.close();
    expect([second.status, third.status]).toEqual(["ok", "ok"]);
    expect(first.sample!.timeWait.byListeningPort.find((g) => g.port === made.port)).toBeUndefined();
    expect(second.sample!.timeWait.byListeningPort.find((g) => g.port === made.port)?.count).toBeGreaterThanOrEqual(40);
    expect(execs).toEqual([SERVE_COMMAND]);
  });

  it("opens a new session when the probe has ended, and the poll still succeeds", async () => {
    const host = await addHost("session-ended", sshd);
    expect((await poll(host)).status).toBe("ok");
    const [pid] = servingProbes(sshd.user);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, "SIGKILL");
    expect(await eventually(() => !servingProbes(sshd.user).includes(pid!))).toBe(true);
    const after = await poll(host);
    expect(after.error).toBeNull();
    expect(execs.filter((c) => c === SERVE_COMMAND)).toHaveLength(2);
  });

  it("stops a session that stops answering, reports a timeout and leaves no probe behind", async () => {
    const host = await addHost("session-stuck", sshd);
    expect((await poll(host)).status).toBe("ok");
    const [pid] = servingProbes(sshd.user);
    process.kill(pid!, "SIGSTOP");
    const stuck = await poll(host, { timeoutMs: 1000 });
    expect(stuck.status).toBe("timeout");
    expect(stuck.error).toMatch(/did not finish within 1 s/);
    expect(await eventually(() => servingProbes(sshd.user).length === 0)).toBe(true);
    expect((await poll(host)).status).toBe("ok");
  });

  it("runs the probe once per poll on a host that cannot serve, trying a session only once", async () => {
    const host = await addHost("single-only", singleOnly);
    const polls = [await poll(host), await poll(host), await poll(host)];
    expect(polls.map((p) => p.status)).toEqual(["ok", "ok", "ok"]);
    expect(polls[2]!.sample!.hostname).toBeTruthy();
    expect(execs.filter((c) => c === SERVE_COMMAND)).toHaveLength(1);
    expect(execs.filter((c) => c !== SERVE_COMMAND)).toHaveLength(3);
  });

  it("opens one session for two polls that start together, and answers both", async () => {
    const host = await addHost("session-together", sshd);
    const both = await Promise.all([poll(host), poll(host)]);
    expect(both.map((p) => p.status)).toEqual(["ok", "ok"]);
    expect(execs.filter((c) => c === SERVE_COMMAND)).toHaveLength(1);
    expect(servingProbes(sshd.user)).toHaveLength(1);
  });

  it("runs the probe once per poll when sessions are turned off", async () => {
    const host = await addHost("sessions-off", sshd);
    expect((await poll(host, { sessions: false })).status).toBe("ok");
    expect((await poll(host, { sessions: false })).status).toBe("ok");
    expect(execs).toHaveLength(2);
    expect(execs).not.toContain(SERVE_COMMAND);
  });
});
