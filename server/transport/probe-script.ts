import "server-only";
import fs from "node:fs";
import path from "node:path";

let cached: string | null = null;

/** The probe shipped in the repository (`server/probe/twscope-probe.sh`). */
export function probeScript(): string {
  cached ??= fs.readFileSync(path.join(process.cwd(), "server", "probe", "twscope-probe.sh"), "utf8");
  return cached;
}

/**
 * The fixed remote command: `sh -s` reading the probe from stdin, under the host's `timeout`
 * (GNU with a KILL follow-up, busybox without) where it has one. No user input is ever part of it.
 * A key restricted by `restrictedKeyLine()` ignores it and runs the installed probe instead.
 */
export function remoteCommand(timeoutSeconds: number): string {
  const n = Math.max(1, Math.ceil(timeoutSeconds));
  return [
    `if timeout -k 2 1 true >/dev/null 2>&1; then exec timeout -k 2 ${n} sh -s;`,
    `elif timeout 1 true >/dev/null 2>&1; then exec timeout ${n} sh -s;`,
    "else exec sh -s; fi",
  ].join(" ");
}

/** Where a host keeps the probe for a key that may run nothing else (root-owned, mode 0755). */
export const INSTALLED_PROBE_PATH = "/usr/local/libexec/twscope/twscope-probe";

/**
 * The longest a probe may run under a restricted key: a serving probe ends itself after an hour
 * (`MAX_SECONDS`), and the key's `timeout` is the ceiling if it cannot.
 */
export const RESTRICTED_RUN_CEILING_SECONDS = 3700;

/**
 * The `authorized_keys` line that lets `publicKey` run the installed probe and nothing else:
 * `restrict` turns off pty, forwarding, agent, X11 and `~/.ssh/rc`; sshd runs `command` whatever
 * the client asks for, under `timeout` so no probe outlives its session's hour. A single run that
 * hangs is killed sooner, by the poller's deadline.
 */
export function restrictedKeyLine(publicKey: string, probePath = INSTALLED_PROBE_PATH, timeoutSeconds = RESTRICTED_RUN_CEILING_SECONDS): string {
  if (!/^\/[\w./-]+$/.test(probePath)) throw new Error(`the probe path must be a plain absolute path, not ${probePath}`);
  return `restrict,command="timeout -k 2 ${timeoutSeconds} ${probePath}" ${publicKey.trim()}`;
}
