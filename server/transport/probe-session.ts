import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { PollFailure, pollError } from "../poll/poll-failure";
import { killRemote } from "../ssh/exec-capped";
import { stderrHint, type ProbeLimits, type RawBundle } from "./types";

/** What the probe prints first when it serves (`twscope-probe.sh --serve`), and what asks it for a bundle. */
const SERVE_BANNER = "@@twscope-serve 1\n";
const POLL_REQUEST = "@@twscope-poll\n";
const BUNDLE_END = "\n@@end\n";

/**
 * The fixed command that starts a serving probe: `sh -s` reading the probe from stdin, then
 * taking poll requests on the same stdin. A restricted key runs its installed probe instead,
 * which serves too, as the command it was asked for says `--serve`.
 */
export const SERVE_COMMAND = "exec sh -s -- --serve";

/** The session is gone or never served: the caller can still run the probe once, the usual way. */
export class SessionUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SessionUnavailable";
  }
}

interface Waiting {
  resolve: (text: string) => void;
  reject: (err: Error) => void;
  /** The banner when opening, a bundle when polling. */
  until: (text: string) => boolean;
  timer: NodeJS.Timeout;
  maxBytes: number;
}

/**
 * One long-lived probe on a host, over one channel of a pooled connection: a poll writes one
 * line and reads one bundle, so a warm poll starts neither an SSH session nor a process there.
 * The probe ends itself after a bounded number of polls or an hour; the next poll opens anew.
 */
export class ProbeSession {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private stderr = "";
  private waiting: Waiting | null = null;
  private gone = false;

  private constructor(private readonly channel: ClientChannel) {
    channel.on("data", (chunk: Buffer) => this.take(chunk));
    channel.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4096);
    });
    channel.on("error", () => this.end());
    channel.on("close", () => this.end());
  }

  /** Starts a serving probe and waits for its banner; `SessionUnavailable` when the host's probe does not serve. */
  static open(client: Client, script: string, limits: ProbeLimits): Promise<ProbeSession> {
    return new Promise((resolve, reject) => {
      client.exec(SERVE_COMMAND, (err, channel) => {
        if (err) return reject(new SessionUnavailable(`cannot start a probe session: ${err.message}`));
        const session = new ProbeSession(channel);
        // A last line without its newline would keep `sh -s` waiting for the rest of it.
        channel.write(script.endsWith("\n") ? script : `${script}\n`);
        session
          .await(limits.timeoutMs, limits.maxBytes, (text) => text.length >= SERVE_BANNER.length || text.includes("\n"))
          .then((text) => {
            if (text === SERVE_BANNER) return resolve(session);
            session.close();
            reject(new SessionUnavailable("the host's probe does not serve polls"));
          }, reject);
      });
    });
  }

  /** True while the probe is there and not answering another poll. */
  get ready(): boolean {
    return !this.gone && !this.waiting;
  }

  /** True once the probe or its channel is gone: a new session is needed. */
  get ended(): boolean {
    return this.gone;
  }

  async poll(limits: ProbeLimits): Promise<RawBundle> {
    if (!this.ready) throw new SessionUnavailable("the probe session is busy or closed");
    const started = performance.now();
    this.channel.write(POLL_REQUEST);
    const text = await this.await(limits.timeoutMs, limits.maxBytes, (t) => t.endsWith(BUNDLE_END));
    return { text, bytes: Buffer.byteLength(text), durationMs: Math.round(performance.now() - started) };
  }

  close(): void {
    if (this.gone) return;
    killRemote(this.channel);
    this.channel.close();
    this.end();
  }

  private await(timeoutMs: number, maxBytes: number, until: (text: string) => boolean): Promise<string> {
    if (this.gone) return Promise.reject(new SessionUnavailable(`the probe session ended${stderrHint(this.stderr)}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new PollFailure("timeout", pollError("probeStopped", { seconds: timeoutMs / 1000 })));
      }, timeoutMs);
      this.waiting = { resolve, reject, until, timer, maxBytes };
      this.check();
    });
  }

  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    this.check();
  }

  private check(): void {
    const w = this.waiting;
    if (!w) {
      // Output nobody asked for: the probe is not following the protocol.
      if (this.bytes > 0) this.close();
      return;
    }
    if (this.bytes > w.maxBytes) return this.fail(new PollFailure("probe-error", pollError("probeTooLong", { bytes: w.maxBytes })));
    if (this.bytes === 0) return;
    const text = Buffer.concat(this.chunks).toString("utf8");
    if (!w.until(text)) return;
    this.chunks = [];
    this.bytes = 0;
    this.settle();
    w.resolve(text);
  }

  private fail(err: Error): void {
    const w = this.waiting;
    this.settle();
    this.close();
    w?.reject(err);
  }

  private settle(): void {
    if (this.waiting) clearTimeout(this.waiting.timer);
    this.waiting = null;
  }

  private end(): void {
    if (this.gone) return;
    this.gone = true;
    const w = this.waiting;
    this.settle();
    w?.reject(new SessionUnavailable(`the probe session ended before answering${stderrHint(this.stderr)}`));
  }
}
