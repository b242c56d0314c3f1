import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HostCreateInput, HostSecretInput } from "@/lib/schemas";
import { descendantsOf, exitOf, freePort, isRoot, run, waitForOutput } from "./processes";

const SSHD = "/usr/sbin/sshd";
/** The unprivileged account tests log in as when they run as root. */
export const PROBE_USER = "twscope-probe";

export interface TestSshd {
  port: number;
  user: string;
  dir: string;
  /** Fingerprint of the current host key, from `ssh-keygen -lf`. */
  fingerprint: string;
  /** A private key that sshd accepts. */
  userKey: string;
  /** A private key that sshd does not accept. */
  strangerKey: string;
  /** Number of successful public-key logins so far (from sshd's log). */
  logins: () => number;
  log: () => string;
  /** Stops sshd and every session it spawned, then starts it again on the same port with a new host key. */
  restartWithNewHostKey: () => Promise<void>;
  stop: () => Promise<void>;
}

/** How a host logs in to a test sshd: with a key file (by default the user key sshd accepts), or a stored secret. */
type SshdLogin = { authMethod: "key"; keyPath: string } | { authMethod: "stored"; secret: HostSecretInput };

/** The connection settings of a test sshd on loopback, as a user enters them. */
export function sshdConnection(sshd: TestSshd, login: SshdLogin = { authMethod: "key", keyPath: sshd.userKey }) {
  return { address: "127.0.0.1", port: sshd.port, username: sshd.user, ...login };
}

/** A host to create for a test sshd, its host key trusted already. */
export function sshdHost(sshd: TestSshd, name: string, login?: SshdLogin): HostCreateInput {
  return { name, ...sshdConnection(sshd, login), tags: ["test"], hostKeyFingerprint: sshd.fingerprint };
}

/** OpenSSH client options for a login with one key and no prompts, to a host whose key is not checked. */
export function sshClientArgs(key: string): string[] {
  return [
    "-F",
    "/dev/null",
    "-i",
    key,
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
  ];
}

export function sshdAvailable(): boolean {
  return fs.existsSync(SSHD);
}

function keygen(file: string): void {
  run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "twscope-test", "-f", file]);
}

function fingerprintOfKeyFile(pub: string): string {
  return run("ssh-keygen", ["-lf", pub]).split(/\s+/)[1]!;
}

function ensureProbeUser(): string {
  if (!isRoot()) return os.userInfo().username;
  try {
    run("id", [PROBE_USER]);
  } catch {
    run("useradd", ["--system", "--create-home", "--shell", "/bin/sh", PROBE_USER]);
  }
  // A new account is locked ("!"), and sshd without PAM refuses locked accounts even for keys.
  run("usermod", ["-p", "*", PROBE_USER]);
  fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  return PROBE_USER;
}

export interface SshdOptions {
  /** The `authorized_keys` content made from the user key's public line; that line alone by default. */
  authorizedKeys?: (userPublicKey: string) => string;
}

/** Starts a real OpenSSH sshd on a loopback port with generated host and user keys. */
export async function startSshd(extraConfig: string[] = [], options: SshdOptions = {}): Promise<TestSshd> {
  const user = ensureProbeUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-sshd-"));
  fs.chmodSync(dir, 0o755);
  const hostKey = path.join(dir, "host_key");
  const userKey = path.join(dir, "user_key");
  const strangerKey = path.join(dir, "stranger_key");
  [hostKey, userKey, strangerKey].forEach(keygen);
  const userPublicKey = fs.readFileSync(`${userKey}.pub`, "utf8");
  fs.writeFileSync(path.join(dir, "authorized_keys"), options.authorizedKeys?.(userPublicKey) ?? userPublicKey);
  fs.chmodSync(path.join(dir, "authorized_keys"), 0o644);
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
  // sshd keeps the first value of each keyword, so the caller's settings go first.
  fs.writeFileSync(
    config,
    [
      ...extraConfig,
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKey}`,
      `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      "StrictModes no",
      "UsePAM no",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      `AllowUsers ${user}`,
      "PermitRootLogin no",
      "MaxStartups 200",
      "LogLevel VERBOSE",
      "",
    ].join("\n"),
  );

  let log = "";
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"], detached: true });
    child.stderr!.on("data", (c: Buffer) => {
      log += c.toString();
    });
    await waitForOutput(child, /Server listening on/);
  };
  const kill = async () => {
    // Each connection's sshd calls setsid(), so killing the group is not enough: kill every descendant.
    for (const pid of [child.pid!, ...descendantsOf(child.pid!)]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    await exitOf(child);
  };
  await launch();
  const sshd: TestSshd = {
    port,
    user,
    dir,
    userKey,
    strangerKey,
    fingerprint: fingerprintOfKeyFile(`${hostKey}.pub`),
    logins: () => (log.match(/Accepted publickey/g) ?? []).length,
    log: () => log,
    async restartWithNewHostKey() {
      await kill();
      fs.rmSync(hostKey);
      fs.rmSync(`${hostKey}.pub`);
      keygen(hostKey);
      sshd.fingerprint = fingerprintOfKeyFile(`${hostKey}.pub`);
      await launch();
    },
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return sshd;
}
