import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { nextPoll, startSshdAndPoller, stopSshdAndPoller } from "../support/polling";
import { isRoot, eventually } from "../support/processes";
import { sshdAvailable, sshdConnection, sshdHost, type TestSshd } from "../support/sshd";
import { makeTimeWait } from "../support/time-wait";
import type { HostCreateInput } from "@/lib/schemas";
import { sshTargetOf } from "@/server/context";
import { execCapped } from "@/server/ssh/exec-capped";
import { getHost } from "@/server/db/hosts";
import { latestSample } from "@/server/db/samples";
import { pollHost, type PollOutcome } from "@/server/poll/poll-host";
import { testConnection } from "@/server/services/hosts/connection-test";
import { createHost, trustHostKey } from "@/server/services/hosts/hosts";
import { sshTransport } from "@/server/transport/ssh-transport";

const ctx = await useTestContext(
  { TWSCOPE_POLL_INTERVAL: "0.5", TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5" },
  { prefix: "twscope-it-" },
);

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the real-sshd tests: /usr/sbin/sshd is missing (npm test installs openssh-server as root)");

describe.runIf(runnable)("collection over a real OpenSSH sshd", () => {
  let sshd: TestSshd;
  const addHost = (name: string, over: Partial<HostCreateInput> = {}) => createHost(ctx, { ...sshdHost(sshd, name), ...over }, "test");

  beforeAll(async () => {
    sshd = await startSshdAndPoller(ctx);
  });
  afterAll(() => stopSshdAndPoller(ctx, sshd));

  it("fetches the host key fingerprint ssh-keygen prints, trusting nothing", async () => {
    const scan = await testConnection(ctx, sshdConnection(sshd));
    expect(scan.fingerprint).toBe(sshd.fingerprint);
    expect(scan.status).toBe("host-key-unknown");
    expect(sshd.logins()).toBe(0);
  });

  it("counts TIME_WAIT the test made, server side on the listening port and client side per destination", async () => {
    const serverSide = await makeTimeWait("server", 120);
    const clientSide = await makeTimeWait("client", 80);
    const host = await addHost("tw-counting");
    const outcome = await nextPoll(ctx.poller, host.id);
    serverSide.close();
    clientSide.close();
    expect(outcome.status).toBe("ok");
    const tw = outcome.sample!.timeWait;
    expect(tw.byListeningPort.find((g) => g.port === serverSide.port)?.count).toBeGreaterThanOrEqual(120);
    expect(tw.byPeer.find((g) => g.peer === `127.0.0.1:${clientSide.port}`)?.count).toBeGreaterThanOrEqual(80);
    expect(tw.byPeer.find((g) => g.peer.endsWith(`:${serverSide.port}`))).toBeUndefined();
    expect(tw.byListeningPort.find((g) => g.port === clientSide.port)).toBeUndefined();
    expect((await latestSample(ctx.db, host.id))?.sample.timeWait.total).toBe(tw.total);
  });

  it("reuses one SSH connection across polls", async () => {
    const host = await addHost("reuse");
    const before = sshd.logins();
    for (let i = 0; i < 3; i++) expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
    expect(sshd.logins() - before).toBe(1);
    const stored = (await ctx.db.get("SELECT COUNT(*) AS n FROM samples WHERE host_id = ?", [host.id])) as { n: number };
    expect(stored.n).toBeGreaterThanOrEqual(3);
  });

  it("reports wrong credentials as auth-failed", async () => {
    const host = await addHost("stranger", { keyPath: sshd.strangerKey });
    const outcome = await nextPoll(ctx.poller, host.id);
    expect(outcome.status).toBe("auth-failed");
    expect(await latestSample(ctx.db, host.id)).toBeNull();
  });

  it("reports a closed port as unreachable", async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const host = await addHost("closed-port", { port });
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("unreachable");
  });

  it("times out a black-hole port within the ready timeout while other hosts keep polling", async () => {
    const silent = net.createServer((s) => s.on("error", () => {}));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const good = await addHost("keeps-polling");
    await nextPoll(ctx.poller, good.id);
    const started = Date.now();
    let goodPolls = 0;
    const countGood = (o: PollOutcome) => {
      if (o.hostId === good.id && o.status === "ok") goodPolls++;
    };
    ctx.poller.on("poll", countGood);
    const hole = await addHost("black-hole", { port: (silent.address() as net.AddressInfo).port });
    const outcome = await nextPoll(ctx.poller, hole.id);
    ctx.poller.off("poll", countGood);
    silent.close();
    expect(outcome.status).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(4000 + 1500);
    expect(goodPolls).toBeGreaterThanOrEqual(2);
  });

  it("refuses a changed host key, flags the host, and polls again only after an explicit re-trust", async () => {
    const host = await addHost("rekeyed");
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
    const oldFingerprint = sshd.fingerprint;
    const countSamples = async () =>
      ((await ctx.db.get("SELECT COUNT(*) AS n FROM samples WHERE host_id = ?", [host.id])) as { n: number }).n;
    const samplesBefore = await countSamples();
    await sshd.restartWithNewHostKey();
    // A poll that meets sshd while it restarts (its sessions killed, the port briefly closed) fails
    // for that reason; the first poll that reaches the new sshd must be refused for its key.
    const meanwhile: string[] = [];
    let refused = await nextPoll(ctx.poller, host.id, (o) => o.status !== "ok");
    while (refused.status !== "host-key-mismatch" && meanwhile.length < 5) {
      meanwhile.push(refused.status);
      refused = await nextPoll(ctx.poller, host.id);
    }
    expect(refused.status).toBe("host-key-mismatch");
    expect(meanwhile.every((st) => ["unreachable", "probe-error", "timeout"].includes(st))).toBe(true);
    const flagged = (await getHost(ctx.db, host.id))!;
    expect(flagged.hostKeyFingerprint).toBe(oldFingerprint);
    expect(flagged.seenFingerprint).toBe(sshd.fingerprint);
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("host-key-mismatch");
    expect(await countSamples()).toBe(samplesBefore);
    await expect(trustHostKey(ctx, host.id, oldFingerprint, "test")).rejects.toThrow(/last presented/);
    await trustHostKey(ctx, host.id, sshd.fingerprint, "test");
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
  });

  describe("a probe that misbehaves", () => {
    // These call the collector directly; the poller would otherwise store real samples for the same hosts.
    beforeAll(() => ctx.poller.stop());

    const runScript = async (name: string, script: string, limits = { timeoutMs: 1000, maxBytes: 64 * 1024 }) => {
      const { db, pool } = ctx;
      const dto = await addHost(name);
      const host = (await getHost(db, dto.id))!;
      return { host, outcome: pollHost(db, host, sshTransport(pool, host.id, sshTargetOf(host, ctx)), { script, limits }) };
    };

    it("kills a hanging probe on the host and reports a timeout", async () => {
      const marker = path.join(os.tmpdir(), `twscope-hang-${process.pid}.pid`);
      const { host, outcome } = await runScript("hangs", `trap '' TERM HUP; echo $$ > ${marker}; sleep 120; echo @@end`);
      const result = await outcome;
      expect(result.error).toMatch(/did not finish within 1 s/);
      expect(result.status).toBe("timeout");
      expect(await latestSample(ctx.db, host.id)).toBeNull();
      const pid = Number(fs.readFileSync(marker, "utf8"));
      expect(await eventually(() => !fs.existsSync(`/proc/${pid}`))).toBe(true);
      fs.rmSync(marker);
    });

    it("kills the remote command when the local deadline passes first", async () => {
      const { db, pool } = ctx;
      const host = (await getHost(db, (await addHost("local-deadline")).id))!;
      const { client } = await pool.acquire(host.id, sshTargetOf(host, ctx));
      const marker = path.join(os.tmpdir(), `twscope-deadline-${process.pid}.pid`);
      const run = execCapped(client, `echo $$ > ${marker}; exec sleep 120`, "", { timeoutMs: 700, maxBytes: 1024 });
      await expect(run).rejects.toThrow(/did not finish within 0.7 s/);
      const pid = Number(fs.readFileSync(marker, "utf8"));
      expect(await eventually(() => !fs.existsSync(`/proc/${pid}`))).toBe(true);
      fs.rmSync(marker);
    });

    it("rejects output over the byte cap instead of parsing part of it", async () => {
      const { host, outcome } = await runScript(
        "chatty",
        "echo '@@twscope-probe 1'; yes 'TCP: inuse 1 orphan 0 tw 5' | head -c 400000; echo @@end",
      );
      const result = await outcome;
      expect(result.status).toBe("probe-error");
      expect(result.error).toMatch(/more than 65536 bytes/);
      expect(await latestSample(ctx.db, host.id)).toBeNull();
    });

    it("rejects garbage output with a clear error and stores nothing", async () => {
      const { host, outcome } = await runScript("garbage", "echo 'hello from a motd'; exit 0");
      const result = await outcome;
      expect(result.status).toBe("probe-error");
      expect(result.error).toMatch(/does not start with "@@twscope-probe"/);
      expect(await latestSample(ctx.db, host.id)).toBeNull();
    });

    it("rejects a bundle cut off before @@end", async () => {
      const { outcome } = await runScript("cut-off", "echo '@@twscope-probe 1'; echo '@@sockstat'; echo 'TCP: inuse 1 orphan 0 tw 5'");
      expect((await outcome).error).toMatch(/truncated/);
    });

    it("reports a probe that fails on the host with its exit code", async () => {
      const { outcome } = await runScript("fails", "echo 'no such thing' >&2; exit 3");
      const result = await outcome;
      expect(result.status).toBe("probe-error");
      expect(result.error).toMatch(/exited with code 3: no such thing/);
    });
  });
});
