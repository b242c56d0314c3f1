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
 * A key restricted to the installed probe (see the README and lab/restricted-key.ts) ignores it and runs that instead.
 */
export function remoteCommand(timeoutSeconds: number): string {
  const n = Math.max(1, Math.ceil(timeoutSeconds));
  return [
    `if timeout -k 2 1 true >/dev/null 2>&1; then exec timeout -k 2 ${n} sh -s;`,
    `elif timeout 1 true >/dev/null 2>&1; then exec timeout ${n} sh -s;`,
    "else exec sh -s; fi",
  ].join(" ");
}
