import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestContext } from "../support/context";
import { nextPoll, startSshdAndPoller, stopSshdAndPoller } from "../support/polling";
import { isRoot, run } from "../support/processes";
import { PROBE_USER, sshdAvailable, sshdHost, type TestSshd } from "../support/sshd";
import type { HostSecretInput } from "@/lib/schemas";
import { getHost } from "@/server/db/hosts";
import { testConnection } from "@/server/services/hosts/connection-test";
import { createHost } from "@/server/services/hosts/hosts";
import { setHostSecret } from "@/server/services/hosts/stored-credentials";

const ctx = await useTestContext(
  { TWSCOPE_POLL_INTERVAL: "0.5", TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5" },
  { prefix: "twscope-stored-" },
);

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the stored-credential tests: /usr/sbin/sshd is missing");
// Password logins need the probe account's password set in /etc/shadow (sshd runs without PAM): root only.
const canSetPassword = isRoot();
const PASSWORD = `tw-${crypto.randomBytes(12).toString("base64url")}`;
const PASSPHRASE = "a passphrase only twscope knows";

describe.runIf(runnable)("stored credentials against a real OpenSSH sshd", () => {
  let sshd: TestSshd;
  let userKey: string;
  const addHost = (name: string, secret: HostSecretInput) =>
    createHost(ctx, sshdHost(sshd, name, { authMethod: "stored", secret }), "test");

  beforeAll(async () => {
    sshd = await startSshdAndPoller(ctx, ["PasswordAuthentication yes"]);
    userKey = fs.readFileSync(sshd.userKey, "utf8");
    if (canSetPassword) execFileSync("chpasswd", { input: `${PROBE_USER}:${PASSWORD}\n` });
  });
  afterAll(async () => {
    await stopSshdAndPoller(ctx, sshd);
    if (canSetPassword) run("usermod", ["-p", "*", PROBE_USER]);
  });

  it("polls ok with a stored copy of an accepted private key", async () => {
    const host = await addHost("stored-key", { kind: "private-key", privateKey: userKey });
    const outcome = await nextPoll(ctx.poller, host.id);
    expect(outcome).toMatchObject({ status: "ok", error: null });
    expect(outcome.sample?.timeWait).toBeDefined();
  });

  it("polls ok with a stored passphrase-protected key", async () => {
    const copy = path.join(sshd.dir, "user_key_encrypted");
    fs.copyFileSync(sshd.userKey, copy);
    fs.chmodSync(copy, 0o600);
    run("ssh-keygen", ["-q", "-p", "-P", "", "-N", PASSPHRASE, "-f", copy]);
    const encrypted = fs.readFileSync(copy, "utf8");
    fs.rmSync(copy);
    const host = await addHost("stored-encrypted-key", { kind: "private-key", privateKey: encrypted, passphrase: PASSPHRASE });
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
  });

  it.runIf(canSetPassword)("polls ok with a stored password", async () => {
    const host = await addHost("stored-password", { kind: "password", password: PASSWORD });
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
    expect(sshd.log()).toMatch(new RegExp(`Accepted password for ${PROBE_USER}`));
  });

  it.runIf(canSetPassword)("reports a wrong stored password as auth-failed, and polls ok once it is replaced", async () => {
    const host = await addHost("wrong-password", { kind: "password", password: `${PASSWORD}-wrong` });
    const refused = await nextPoll(ctx.poller, host.id);
    expect(refused.status).toBe("auth-failed");
    expect(refused.error).not.toContain(PASSWORD);
    expect((await getHost(ctx.db, host.id))!.lastError).toMatch(/authentication failed/);
    await setHostSecret(ctx, host.id, { kind: "password", password: PASSWORD }, "test");
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("ok");
  });

  it("reports a stored key the server does not accept as auth-failed", async () => {
    const host = await addHost("stored-stranger", { kind: "private-key", privateKey: fs.readFileSync(sshd.strangerKey, "utf8") });
    expect((await nextPoll(ctx.poller, host.id)).status).toBe("auth-failed");
  });

  it.runIf(canSetPassword)("tests a login with a secret sent for a host not saved yet, storing nothing", async () => {
    const connection = {
      address: "127.0.0.1",
      port: sshd.port,
      username: sshd.user,
      authMethod: "stored" as const,
      hostKeyFingerprint: sshd.fingerprint,
    };
    const secretsBefore = await ctx.db.get("SELECT COUNT(*) AS n FROM host_secrets");
    expect(await testConnection(ctx, { ...connection, secret: { kind: "password", password: PASSWORD } })).toMatchObject({
      status: "ok",
      fingerprint: sshd.fingerprint,
    });
    expect(await testConnection(ctx, { ...connection, secret: { kind: "password", password: "not-it" } })).toMatchObject({
      status: "auth-failed",
    });
    expect(await ctx.db.get("SELECT COUNT(*) AS n FROM host_secrets")).toEqual(secretsBefore);
  });
});
