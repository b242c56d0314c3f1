import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Client } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { pollOverSsh } from "../support/polling";
import { eventually, exitOf } from "../support/processes";
import { sshClientArgs, sshdAvailable, sshdHost, startSshd, type TestSshd } from "../support/sshd";
import { makeTimeWait } from "../support/time-wait";
import { restrictedKeyLine } from "@/lab/restricted-key";
import { sshTargetOf } from "@/server/context";
import { getHost } from "@/server/db/hosts";
import { createHost } from "@/server/services/hosts/hosts";
import { execCapped } from "@/server/ssh/exec-capped";
import { probeScript } from "@/server/transport/probe-script";

const ctx = await useTestContext({ TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5" }, { prefix: "twscope-restricted-" });

/** The probe installed as the README says: mode 0755, root-owned when the tests run as root. */
const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-libexec-"));
const installedProbe = path.join(probeDir, "twscope-probe");

/** Runs the OpenSSH client with the restricted key; stdin stays open with data in it, as a careless caller would leave it. */
async function sshWithKey(sshd: TestSshd, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    "ssh",
    [...sshClientArgs(sshd.userKey), "-p", String(sshd.port), ...args, `${sshd.user}@127.0.0.1`, "cat /etc/passwd"],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  child.stdin!.on("error", () => {});
  child.stdin!.write("echo this must never run\n");
  const code = await exitOf(child);
  child.stdin!.destroy();
  return { code, stdout, stderr };
}

describe.runIf(sshdAvailable())("a key restricted to the installed probe", () => {
  let sshd: TestSshd;
  const addHost = async (name: string) => {
    const { db } = ctx;
    const dto = await createHost(ctx, sshdHost(sshd, name), "test");
    return (await getHost(db, dto.id))!;
  };
  const connectionOf = async (name: string): Promise<Client> => {
    const host = await addHost(name);
    return (await ctx.pool.acquire(host.id, sshTargetOf(host, ctx))).client;
  };

  beforeAll(async () => {
    fs.chmodSync(probeDir, 0o755);
    fs.writeFileSync(installedProbe, probeScript(), { mode: 0o755 });
    sshd = await startSshd([], { authorizedKeys: (publicKey) => restrictedKeyLine(publicKey, installedProbe) });
  });
  afterAll(async () => {
    ctx.pool.closeAll();
    await sshd?.stop();
    fs.rmSync(probeDir, { recursive: true, force: true });
  });

  it("writes the forced command with restrict in front", () => {
    const line = fs.readFileSync(path.join(sshd.dir, "authorized_keys"), "utf8");
    expect(line.startsWith(`restrict,command="timeout -k 2 3700 ${installedProbe}" ssh-ed25519 `)).toBe(true);
  });

  it("cannot run cat /etc/passwd: the probe answers instead, without waiting for stdin to close", async () => {
    const { code, stdout } = await sshWithKey(sshd, []);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/root:x:0:0/);
    expect(stdout).toMatch(/^@@twscope-probe 1\n/);
    expect(stdout).toMatch(/@@end\n$/);
    expect(stdout).not.toMatch(/this must never run/);
  });

  it("gets no terminal", async () => {
    const { stdout, stderr } = await sshWithKey(sshd, ["-tt"]);
    expect(stderr).toMatch(/PTY allocation request failed/);
    expect(stdout).not.toMatch(/root:x:0:0/);
  });

  it("may not forward ports", async () => {
    const client = await connectionOf("forwarding");
    const opened = new Promise((resolve, reject) =>
      client.forwardOut("127.0.0.1", 0, "127.0.0.1", sshd.port, (err, ch) => {
        if (err) return reject(err);
        ch.close();
        resolve(ch);
      }),
    );
    await expect(opened).rejects.toThrow(/open failed/);
    // sshd allows forwarding in this config: the refusal it logs comes from the key's options.
    expect(await eventually(() => /refused local port forward/.test(sshd.log()))).toBe(true);
  });

  it("is polled ok through the collector, counting the TIME_WAIT the test made", async () => {
    const serverSide = await makeTimeWait("server", 60);
    const host = await addHost("restricted-poll");
    const outcome = await pollOverSsh(ctx, host);
    serverSide.close();
    expect(outcome.error).toBeFalsy();
    expect(outcome.status).toBe("ok");
    expect(outcome.sample!.timeWait.byListeningPort.find((g) => g.port === serverSide.port)?.count).toBeGreaterThanOrEqual(60);
  });

  it("serves warm polls from one probe session through the forced command", async () => {
    const host = await addHost("restricted-session");
    const first = await pollOverSsh(ctx, host);
    const serving = () => spawnSync("pgrep", ["-u", sshd.user, "-f", "mode=serve"], { encoding: "utf8" }).stdout.trim();
    const afterFirst = serving();
    const second = await pollOverSsh(ctx, host);
    expect([first.status, second.status]).toEqual(["ok", "ok"]);
    expect(afterFirst).toMatch(/^\d+(\n\d+)*$/);
    expect(serving()).toBe(afterFirst); // no new probe process for the second poll
  });

  it("ignores what the collector sends on stdin, even more than sshd's window takes", async () => {
    const client = await connectionOf("stdin-ignored");
    const flood = "exit 3\n".repeat(600_000); // 4.2 MB, past the 2 MiB channel window
    const result = await execCapped(client, "echo hijacked", flood, { timeoutMs: 10_000, maxBytes: 256 * 1024 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^@@twscope-probe 1\n[\s\S]*@@end\n$/);
  });
});
