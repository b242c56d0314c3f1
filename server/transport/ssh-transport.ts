import "server-only";
import type { Client } from "ssh2";
import { PollFailure, pollError } from "../poll/poll-failure";
import type { SshTarget } from "../ssh/connect";
import { execCapped } from "../ssh/exec-capped";
import type { SshPool } from "../ssh/pool";
import { remoteCommand } from "./probe-script";
import { ProbeSession, SessionUnavailable } from "./probe-session";
import { probeExited, TIMEOUT_EXIT_CODES, TIMEOUT_SIGNALS, type ProbeLimits, type ProbeTransport, type RawBundle } from "./types";

/** Grace the local deadline allows past the remote `timeout`, so the host gets to clean up first. */
const LOCAL_GRACE_MS = 3000;

/**
 * Runs the probe once over an open connection and returns its bundle text, or throws a `PollFailure`:
 * `timeout` when the host's `timeout` or the local deadline stopped it, `probe-error` for any other
 * signal or non-zero exit.
 */
export async function runProbeOnClient(client: Client, script: string, limits: ProbeLimits): Promise<RawBundle> {
  const started = performance.now();
  const result = await execCapped(client, remoteCommand(limits.timeoutMs / 1000), script, {
    timeoutMs: limits.timeoutMs + LOCAL_GRACE_MS,
    maxBytes: limits.maxBytes,
  });
  if (TIMEOUT_EXIT_CODES.has(result.exitCode ?? -1) || TIMEOUT_SIGNALS.has(result.signal ?? "")) {
    throw new PollFailure("timeout", pollError("probeKilledOnHost", { seconds: limits.timeoutMs / 1000 }));
  }
  if (result.signal) throw new PollFailure("probe-error", pollError("probeSignal", { signal: result.signal }));
  if (result.exitCode !== 0) {
    throw new PollFailure("probe-error", probeExited(result.exitCode, result.stderr));
  }
  return { text: result.stdout, bytes: result.bytes, durationMs: Math.round(performance.now() - started) };
}

export interface SshTransportOptions {
  /** Keep a serving probe per connection (the default); false runs the probe once per poll. */
  sessions?: boolean;
}

/** Each connection's serving probe, or "single" once its host showed it cannot serve. */
const sessions = new WeakMap<Client, ProbeSession | "single">();
/** A session being opened, shared by polls that need it meanwhile, so a connection never holds two. */
const opening = new WeakMap<Client, Promise<ProbeSession | null>>();

/** The connection's serving probe, opened anew when there is none or it has ended. */
function sessionOf(client: Client, script: string, limits: ProbeLimits): Promise<ProbeSession | null> {
  const known = sessions.get(client);
  if (known === "single") return Promise.resolve(null);
  if (known && !known.ended) return Promise.resolve(known);
  let pending = opening.get(client);
  if (!pending) {
    pending = ProbeSession.open(client, script, limits)
      .then(
        (session) => {
          sessions.set(client, session);
          return session;
        },
        (err: unknown) => {
          if (!(err instanceof SessionUnavailable)) throw err;
          sessions.set(client, "single");
          return null;
        },
      )
      .finally(() => opening.delete(client));
    opening.set(client, pending);
  }
  return pending;
}

/**
 * A poll over the connection's serving probe; null when the caller should run the probe once
 * instead: the host cannot serve, or the session is busy with another poll. A session found
 * ended mid-poll (it ends itself now and then, or something on the host stopped it) is opened
 * anew once.
 */
async function pollOverSession(client: Client, script: string, limits: ProbeLimits): Promise<RawBundle | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const session = await sessionOf(client, script, limits);
    if (!session?.ready) return null;
    try {
      return await session.poll(limits);
    } catch (err) {
      if (!(err instanceof SessionUnavailable)) throw err;
    }
  }
  return null;
}

export function sshTransport(pool: SshPool, hostId: number, target: SshTarget, options: SshTransportOptions = {}): ProbeTransport {
  return {
    async runProbe(script: string, limits: ProbeLimits): Promise<RawBundle> {
      const { client } = await pool.acquire(hostId, target);
      try {
        if (options.sessions !== false) {
          const served = await pollOverSession(client, script, limits);
          if (served) return served;
        }
        return await runProbeOnClient(client, script, limits);
      } catch (err) {
        // A channel we had to kill may leave the connection in an unknown state: start afresh next time.
        if (err instanceof PollFailure && err.status === "timeout") pool.evict(hostId);
        throw err;
      }
    },
  };
}
