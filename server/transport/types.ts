import "server-only";
import { pollError } from "../poll/poll-failure";

/** The raw text one probe run printed, before any parsing. */
export interface RawBundle {
  text: string;
  bytes: number;
  durationMs: number;
}

export interface ProbeLimits {
  /** How long the probe may run on the host. */
  timeoutMs: number;
  maxBytes: number;
}

/** Runs the probe script somewhere and returns its bundle, or throws a `PollFailure`. */
export interface ProbeTransport {
  runProbe(script: string, limits: ProbeLimits): Promise<RawBundle>;
}

/** Exit codes and signals of `timeout` when it stopped the command (TERM, then KILL). */
export const TIMEOUT_EXIT_CODES = new Set([124, 137]);
export const TIMEOUT_SIGNALS = new Set(["TERM", "KILL", "SIGTERM", "SIGKILL"]);

const lastLine = (stderr: string) => stderr.trim().split("\n").at(-1)?.slice(0, 200);

/** The last line a failed probe wrote to stderr, for the error message. */
export function stderrHint(stderr: string): string {
  const line = lastLine(stderr);
  return line ? `: ${line}` : "";
}

/** "the probe exited with code 2", and the last line it wrote to stderr when it wrote one. */
export function probeExited(code: number | null, stderr: string): string {
  const line = lastLine(stderr);
  return line ? pollError("probeExitedSaying", { code: String(code), detail: line }) : pollError("probeExited", { code: String(code) });
}
