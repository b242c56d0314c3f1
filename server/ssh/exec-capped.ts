import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { PollFailure, pollError } from "../poll/poll-failure";

export interface ExecLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Null when the command was ended by a signal instead. */
  exitCode: number | null;
  signal: string | null;
  bytes: number;
}

/**
 * Runs one command on an open connection, writes `input` to its stdin, and collects its output
 * under a byte cap and a deadline. Past either the channel is closed and the poll fails:
 * partial output is never returned, nor is a stream that ended without an exit status.
 */
export function execCapped(client: Client, command: string, input: string, limits: ExecLimits): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(new PollFailure("probe-error", pollError("probeNotStarted", { detail: err.message })));
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let bytes = 0;
      let exitCode: number | null = null;
      let exitSignal: string | null = null;
      let settled = false;
      const finish = (failure: PollFailure | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) {
          channel.removeAllListeners("data");
          channel.stderr.removeAllListeners("data");
          killRemote(channel);
          channel.close();
          return reject(failure);
        }
        resolve({
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(errOut).toString("utf8"),
          exitCode,
          signal: exitSignal,
          bytes,
        });
      };
      const take = (into: Buffer[]) => (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limits.maxBytes) return finish(new PollFailure("probe-error", pollError("probeTooLong", { bytes: limits.maxBytes })));
        into.push(chunk);
      };
      const timer = setTimeout(
        () => finish(new PollFailure("timeout", pollError("probeStopped", { seconds: limits.timeoutMs / 1000 }))),
        limits.timeoutMs,
      );
      channel.on("data", take(out));
      channel.stderr.on("data", take(errOut));
      channel.on("exit", (code: number | null, signal?: string) => {
        exitCode = code;
        exitSignal = signal ?? null;
      });
      channel.on("error", (e: Error) => finish(new PollFailure("probe-error", pollError("probeChannelFailed", { detail: e.message }))));
      channel.on("close", () => {
        if (exitCode === null && exitSignal === null) {
          return finish(new PollFailure("probe-error", pollError("noExitStatus")));
        }
        finish(null);
      });
      channel.end(input);
    });
  });
}

type ChannelInternals = ClientChannel & {
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { signal(id: number, name: string): void } };
};

/**
 * Asks sshd (OpenSSH 7.9+) to SIGKILL the session's process: closing the channel alone can leave it
 * running. ssh2's `channel.signal()` refuses once stdin has been ended, which the probe always has,
 * so the request goes through the protocol object the channel already uses.
 */
export function killRemote(channel: ClientChannel): void {
  const c = channel as ChannelInternals;
  try {
    const state = c.outgoing?.state;
    if ((state === "open" || state === "eof") && c.outgoing?.id !== undefined) c._client?._protocol?.signal(c.outgoing.id, "KILL");
  } catch {
    /* the channel is already gone */
  }
}
