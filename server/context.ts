import "server-only";
import { loadConfig, type AppConfig } from "./config";
import type { HostRecord } from "./db/hosts";
import { openDatabase, type Db } from "./db/open-database";
import { Poller } from "./poll/poller";
import { readHostSecret } from "./secrets/secret-store";
import { secretKeyFor } from "./secrets/key";
import { SshPool } from "./ssh/pool";
import { localTransport } from "./transport/local-transport";
import { probeScript } from "./transport/probe-script";
import { sshTransport } from "./transport/ssh-transport";
import type { ProbeTransport } from "./transport/types";
import type { SshTarget } from "./ssh/connect";

export interface Runtime {
  config: AppConfig;
  db: Db;
  pool: SshPool;
  poller: Poller;
}

/** How to reach a host over SSH; a stored secret is decrypted only when the connection is opened. */
export function sshTargetOf(host: HostRecord, rt: Pick<Runtime, "config" | "db"> = getRuntime()): SshTarget {
  return {
    address: host.address, port: host.port, username: host.username, authMethod: host.authMethod,
    keyPath: host.keyPath, passphraseEnv: host.passphraseEnv, fingerprint: host.hostKeyFingerprint,
    secretUpdatedAt: host.storedSecret?.updatedAt ?? null,
    ...(host.authMethod === "stored" ? { storedSecret: () => readHostSecret(rt.db, secretKeyFor(rt.db, rt.config), host.id) } : {}),
  };
}

/** Builds the collector's parts from a config: database, SSH pool, and a poller that is not started yet. */
export function createRuntime(config: AppConfig): Runtime {
  const db = openDatabase(config.databaseFile);
  const pool = new SshPool({ readyTimeoutMs: config.readyTimeoutMs, agentSocket: config.sshAgentSocket });
  const local = localTransport();
  const transportFor = (host: HostRecord): ProbeTransport =>
    host.transport === "local" ? local : sshTransport(pool, host.id, sshTargetOf(host, { config, db }), { sessions: config.probeSessions });
  const poller = new Poller({
    db, transportFor, script: probeScript,
    limits: { timeoutMs: config.probeTimeoutMs, maxBytes: config.probeMaxBytes },
    intervalMs: config.pollIntervalMs, concurrency: config.pollConcurrency,
    onHostGone: (id) => pool.evict(id),
  });
  return { config, db, pool, poller };
}

const holder = globalThis as typeof globalThis & { __twscope?: Runtime };

/** The process-wide runtime (kept on globalThis so dev-mode reloads do not open a second one). */
export function getRuntime(): Runtime {
  holder.__twscope ??= createRuntime(loadConfig());
  return holder.__twscope;
}

/**
 * Stops polling and closes SSH connections and the database at once, synchronously: a signal
 * handler cannot count on being awaited (Next's own handler exits the process soon after).
 * A poll still under way then fails to store its result, and is simply lost.
 */
export function stopRuntimeNow(): void {
  const rt = holder.__twscope;
  if (!rt) return;
  void rt.poller.stop(0);
  rt.pool.closeAll();
  rt.db.close();
  holder.__twscope = undefined;
}

export async function shutdownRuntime(): Promise<void> {
  const rt = holder.__twscope;
  if (!rt) return;
  await rt.poller.stop();
  rt.pool.closeAll();
  rt.db.close();
  holder.__twscope = undefined;
}
