import "server-only";
import { spawn } from "node:child_process";
import { PollFailure, pollError } from "../poll/poll-failure";
import { probeExited, type ProbeLimits, type ProbeTransport, type RawBundle } from "./types";

/** Runs the probe on the dashboard's own machine with `sh -s`, no SSH involved. */
export function localTransport(): ProbeTransport {
  return {
    runProbe(script: string, limits: ProbeLimits): Promise<RawBundle> {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const child = spawn("sh", ["-s"], { stdio: ["pipe", "pipe", "pipe"], detached: true });
        const out: Buffer[] = [];
        let stderr = "";
        let bytes = 0;
        let failure: PollFailure | null = null;
        const stop = (why: PollFailure) => {
          failure ??= why;
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            /* already gone */
          }
        };
        const timer = setTimeout(
          () => stop(new PollFailure("timeout", pollError("probeKilled", { seconds: limits.timeoutMs / 1000 }))),
          limits.timeoutMs,
        );
        child.stdout.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > limits.maxBytes) return stop(new PollFailure("probe-error", pollError("probeTooLong", { bytes: limits.maxBytes })));
          out.push(chunk);
        });
        child.stderr.on("data", (chunk: Buffer) => {
          if (stderr.length < 4096) stderr += chunk.toString();
        });
        child.on("error", (err) => stop(new PollFailure("probe-error", pollError("cannotRunSh", { detail: err.message }))));
        child.on("close", (code) => {
          clearTimeout(timer);
          if (failure) return reject(failure);
          if (code !== 0) return reject(new PollFailure("probe-error", probeExited(code, stderr)));
          resolve({ text: Buffer.concat(out).toString("utf8"), bytes, durationMs: Math.round(performance.now() - started) });
        });
        child.stdin.on("error", () => {});
        child.stdin.end(script);
      });
    },
  };
}
