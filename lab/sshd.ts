import fs from "node:fs";
import path from "node:path";
import { restrictedKeyLine } from "./restricted-key";
import { LAB_PROBE } from "./probe";
import { sh } from "./shell";
import { LAB_USER, type LabHost } from "./state";

const SSHD = "/usr/sbin/sshd";

/** The unprivileged account twscope logs in as on every lab host (namespaces share the root filesystem). */
export async function ensureLabUser(): Promise<void> {
  try {
    await sh("id", [LAB_USER]);
  } catch {
    await sh("useradd", ["--system", "--create-home", "--home-dir", `/home/${LAB_USER}`, "--shell", "/bin/sh", LAB_USER]);
  }
  // A new account is locked, and sshd without PAM refuses locked accounts even for keys.
  await sh("usermod", ["-p", "*", LAB_USER]);
  fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
}

async function keygen(file: string, comment: string): Promise<void> {
  await sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file]);
}

async function fingerprintOf(pubFile: string): Promise<string> {
  return (await sh("ssh-keygen", ["-lf", pubFile])).split(/\s+/)[1]!;
}

/** Removes the lab's account with its home (and so its authorized_keys). */
export async function removeLabUser(): Promise<void> {
  await sh("userdel", ["--remove", LAB_USER]).catch(() => {});
}

export const labAuthorizedKeys = () => path.join("/home", LAB_USER, ".ssh", "authorized_keys");
/** The same key, run through the probe's sudo rule: the hosts whose sshd reads this file are probed as root. */
const labSudoAuthorizedKeys = () => path.join("/home", LAB_USER, ".ssh", "authorized_keys-sudo");
/** The bastion's: the same key, which may also open channels to the hosts behind it. */
const bastionAuthorizedKeys = () => path.join("/home", LAB_USER, ".ssh", "authorized_keys_bastion");

/**
 * The monitoring key pair: the private half stays in the lab directory for the dashboard; the public
 * half goes to the lab user's own home, which sshd can read whatever the data directory's mode, in
 * the restricted form the README recommends, so every lab poll goes through the installed probe.
 */
export async function createMonitorKey(dir: string, behindBastion: string[]): Promise<string> {
  const key = path.join(dir, "monitor_key");
  await keygen(key, "twscope-lab-monitor");
  fs.mkdirSync(path.dirname(labAuthorizedKeys()), { recursive: true, mode: 0o755 });
  const publicKey = fs.readFileSync(`${key}.pub`, "utf8");
  fs.writeFileSync(labAuthorizedKeys(), `${restrictedKeyLine(publicKey, LAB_PROBE)}\n`);
  fs.writeFileSync(labSudoAuthorizedKeys(), `${restrictedKeyLine(publicKey, LAB_PROBE, { viaSudo: true })}\n`);
  const permitOpen = behindBastion.map((a) => `${a}:22`);
  fs.writeFileSync(bastionAuthorizedKeys(), `${restrictedKeyLine(publicKey, LAB_PROBE, { permitOpen })}\n`);
  for (const file of [labAuthorizedKeys(), labSudoAuthorizedKeys(), bastionAuthorizedKeys()]) fs.chmodSync(file, 0o644);
  return key;
}

/** The bastion forwards to the hosts behind it and nowhere else; every other host forwards nothing. */
function forwardingOf(host: LabHost, behindBastion: string[]): string[] {
  if (host.kind !== "bastion")
    return [`AuthorizedKeysFile ${host.sudo ? labSudoAuthorizedKeys() : labAuthorizedKeys()}`, "AllowTcpForwarding no"];
  return [
    `AuthorizedKeysFile ${bastionAuthorizedKeys()}`,
    "AllowTcpForwarding local",
    `PermitOpen ${behindBastion.map((a) => `${a}:22`).join(" ") || "none"}`,
  ];
}

function sshdConfig(dir: string, host: LabHost, behindBastion: string[]): string {
  return [
    `ListenAddress ${host.address}:22`,
    `HostKey ${path.join(dir, "hosts", host.name, "host_key")}`,
    `PidFile ${path.join(dir, "hosts", host.name, "sshd.pid")}`,
    ...forwardingOf(host, behindBastion),
    `AllowUsers ${LAB_USER}`,
    "StrictModes no",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin no",
    "X11Forwarding no",
    "MaxStartups 100",
    "",
  ].join("\n");
}

/**
 * Writes the host's key (a new one, replacing any) and sshd config; returns the command line that
 * starts its sshd, and the key's fingerprint. `behindBastion`: the addresses the bastion forwards to.
 */
export async function prepareHostSshd(
  dir: string,
  host: LabHost,
  behindBastion: string[] = [],
): Promise<{ command: string[]; fingerprint: string }> {
  const hostDir = path.join(dir, "hosts", host.name);
  fs.mkdirSync(hostDir, { recursive: true });
  for (const file of ["host_key", "host_key.pub"]) fs.rmSync(path.join(hostDir, file), { force: true });
  await keygen(path.join(hostDir, "host_key"), `twscope-lab-${host.name}`);
  fs.writeFileSync(path.join(hostDir, "sshd_config"), sshdConfig(dir, host, behindBastion));
  const command = [SSHD, "-f", path.join(hostDir, "sshd_config"), "-E", path.join(hostDir, "sshd.log")];
  return { command, fingerprint: await fingerprintOf(path.join(hostDir, "host_key.pub")) };
}

/** Starts the host's sshd inside its namespace; returns the key fingerprint. */
export async function startHostSshd(dir: string, host: LabHost, behindBastion: string[] = []): Promise<string> {
  const { command, fingerprint } = await prepareHostSshd(dir, host, behindBastion);
  // sshd daemonises once it listens, so this returns when the host accepts connections.
  await sh("ip", ["netns", "exec", host.netns, ...command]);
  return fingerprint;
}
