import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRoot, run } from "../support/processes";
import { PROBE_USER, sshdAvailable, startSshd, type TestSshd } from "../support/sshd";
import type { PollOutcome } from "@/server/poll/poll-host";
import type { HostSecretInput } from "@/lib/schemas";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-stored-"));
Object.assign(process.env, {
  TWSCOPE_DATA_DIR: path.join(dir, "data"), TWSCOPE_SECRET_KEY_FILE: path.join(dir, "config", "secret.key"),
  TWSCOPE_POLL_INTERVAL: "0.5", TWSCOPE_SSH_READY_TIMEOUT: "4", TWSCOPE_PROBE_TIMEOUT: "5",
});

const { getRuntime, shutdownRuntime } = await import("@/server/context");
const services = await import("@/server/services/hosts/hosts");
const { setHostSecret } = await import("@/server/services/hosts/stored-credentials");
const { testConnection } = await import("@/server/services/hosts/connection-test");
const { getHost } = await import("@/server/db/hosts");

const runnable = sshdAvailable() && (isRoot() || !process.env.CI);
if (!runnable) console.warn("skipping the stored-credential tests: /usr/sbin/sshd is missing");
// Password logins need the probe account's password set in /etc/shadow (sshd runs without PAM): root only.
const canSetPassword = isRoot();
const PASSWORD = `tw-${crypto.randomBytes(12).toString("base64url")}`;
const PASSPHRASE = "a passphrase only twscope knows";

/** The next poll outcome of a host. */
function nextPoll(hostId: number): Promise<PollOutcome> {
  const { poller } = getRuntime();
  return new Promise((resolve) => {
    const listener = (o: PollOutcome) => {
      if (o.hostId === hostId) { poller.off("poll", listener); resolve(o); }
    };
    poller.on("poll", listener);
    poller.pollSoon(hostId);
  });
}

describe.runIf(runnable)("stored credentials against a real OpenSSH sshd", () => {
  let sshd: TestSshd;
  let userKey: string;
  const addHost = (name: string, secret: HostSecretInput) =>
    services.createHost({
      name, address: "127.0.0.1", port: sshd.port, username: sshd.user, authMethod: "stored", secret,
      tags: ["test"], hostKeyFingerprint: sshd.fingerprint,
    }, "test");

  beforeAll(async () => {
    sshd = await startSshd(["PasswordAuthentication yes"]);
    userKey = fs.readFileSync(sshd.userKey, "utf8");
    if (canSetPassword) execFileSync("chpasswd", { input: `${PROBE_USER}:${PASSWORD}\n` });
    getRuntime().poller.start();
  });
  afterAll(async () => {
    await shutdownRuntime();
    if (canSetPassword) run("usermod", ["-p", "*", PROBE_USER]);
    await sshd?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("polls ok with a stored copy of an accepted private key", async () => {
    const host = addHost("stored-key", { kind: "private-key", privateKey: userKey });
    const outcome = await nextPoll(host.id);
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
    const host = addHost("stored-encrypted-key", { kind: "private-key", privateKey: encrypted, passphrase: PASSPHRASE });
    expect((await nextPoll(host.id)).status).toBe("ok");
  });

  it.runIf(canSetPassword)("polls ok with a stored password", async () => {
    const host = addHost("stored-password", { kind: "password", password: PASSWORD });
    expect((await nextPoll(host.id)).status).toBe("ok");
    expect(sshd.log()).toMatch(new RegExp(`Accepted password for ${PROBE_USER}`));
  });

  it.runIf(canSetPassword)("reports a wrong stored password as auth-failed, and polls ok once it is replaced", async () => {
    const host = addHost("wrong-password", { kind: "password", password: `${PASSWORD}-wrong` });
    const refused = await nextPoll(host.id);
    expect(refused.status).toBe("auth-failed");
    expect(refused.error).not.toContain(PASSWORD);
    expect(getHost(getRuntime().db, host.id)!.lastError).toMatch(/authentication failed/);
    setHostSecret(host.id, { kind: "password", password: PASSWORD }, "test");
    expect((await nextPoll(host.id)).status).toBe("ok");
  });

  it("reports a stored key the server does not accept as auth-failed", async () => {
    const host = addHost("stored-stranger", { kind: "private-key", privateKey: fs.readFileSync(sshd.strangerKey, "utf8") });
    expect((await nextPoll(host.id)).status).toBe("auth-failed");
  });

  it.runIf(canSetPassword)("tests a login with a secret sent for a host not saved yet, storing nothing", async () => {
    const connection = { address: "127.0.0.1", port: sshd.port, username: sshd.user, authMethod: "stored" as const, hostKeyFingerprint: sshd.fingerprint };
    const secretsBefore = getRuntime().db.prepare("SELECT COUNT(*) AS n FROM host_secrets").get();
    expect(await testConnection({ ...connection, secret: { kind: "password", password: PASSWORD } })).toMatchObject({ status: "ok", fingerprint: sshd.fingerprint });
    expect(await testConnection({ ...connection, secret: { kind: "password", password: "not-it" } })).toMatchObject({ status: "auth-failed" });
    expect(getRuntime().db.prepare("SELECT COUNT(*) AS n FROM host_secrets").get()).toEqual(secretsBefore);
  });
});
