import "server-only";
import { MAX_JUMP_HOPS } from "@/lib/host/jump-chain";
import { sshSettingsOf } from "@/lib/host/ssh-settings";
import { AlertEvaluator } from "./alerts/alert-evaluator";
import { Duty } from "./collect/duty";
import { Membership } from "./collect/membership";
import { Notifier } from "./alerts/notifier";
import { loadConfig, type AppConfig } from "./config";
import { currentContext, setCurrentContext } from "./context-slot";
import type { HostRecord, JumpRecord } from "./db/hosts";
import { openDatabase, type Db } from "./db/open-database";
import { pollError } from "./poll/poll-failure";
import type { PollOutcome } from "./poll/poll-host";
import { Poller } from "./poll/poller";
import { readHostSecret } from "./secrets/secret-store";
import { secretKeyFor } from "./secrets/key";
import { SshPool } from "./ssh/pool";
import type { JumpTarget, SshTarget } from "./ssh/connect";
import { localTransport } from "./transport/local-transport";
import { probeScript } from "./transport/probe-script";
import { sshTransport } from "./transport/ssh-transport";
import type { ProbeTransport } from "./transport/types";

/**
 * What every service works with, built once per process (or once per test over a temporary
 * database) and passed explicitly: route handlers and pages hand it to the services they call.
 */
export interface AppContext {
  config: AppConfig;
  db: Db;
  pool: SshPool;
  poller: Poller;
  /** Evaluates the alert rules after every poll. */
  alerts: AlertEvaluator;
  /** Sends the queued alert notices to the channels; started with the poller. */
  notifier: Notifier;
  /** This process as one collector among those on the database: which hosts it polls. */
  collector: Membership;
  /** What one process at a time does when several share the database. */
  duties: { retention: Duty; alerts: Duty };
}

/**
 * How to reach a host over SSH, through its chain of jump hosts when it has one; a stored secret is
 * decrypted only when the connection is opened. A jump host's part is exactly the target of the jump
 * host itself, so both share its one pooled connection.
 */
export function sshTargetOf(host: HostRecord, ctx: Pick<AppContext, "config" | "db">): SshTarget {
  return targetOf({ ...host, fingerprint: host.hostKeyFingerprint, secretUpdatedAt: host.storedSecret?.updatedAt ?? null }, ctx);
}

/** A host as the jump host of others: its own target, named, with its pool entry's id. */
export function jumpTargetOf(host: HostRecord, ctx: Pick<AppContext, "config" | "db">): JumpTarget {
  return { ...sshTargetOf(host, ctx), hostId: host.id, name: host.name };
}

function targetOf(host: JumpRecord, ctx: Pick<AppContext, "config" | "db">): SshTarget {
  const own = loginOf(host.id, host, host.fingerprint, host.secretUpdatedAt, ctx);
  if (host.jumpHostId === null) return own;
  if (!host.jump) return { ...own, refusal: pollError("jumpLoop", { name: host.name, max: MAX_JUMP_HOPS }) };
  return { ...own, jump: { ...targetOf(host.jump, ctx), hostId: host.jump.id, name: host.jump.name } };
}

function loginOf(
  hostId: number,
  settings: Parameters<typeof sshSettingsOf>[0],
  fingerprint: string | null,
  secretUpdatedAt: number | null,
  ctx: Pick<AppContext, "config" | "db">,
): SshTarget {
  return {
    ...sshSettingsOf(settings),
    fingerprint,
    secretUpdatedAt,
    ...(settings.authMethod === "stored"
      ? { storedSecret: async () => readHostSecret(ctx.db, await secretKeyFor(ctx.db, ctx.config), hostId) }
      : {}),
  };
}

/** Builds the service context from a config: database, SSH pool, and a poller and notifier that are not started yet. */
export async function createContext(config: AppConfig): Promise<AppContext> {
  const db = await openDatabase(config);
  const pool = new SshPool({ readyTimeoutMs: config.readyTimeoutMs, agentSocket: config.sshAgentSocket });
  const duties = { retention: new Duty(db, "retention"), alerts: new Duty(db, "alerts") };
  const collector = new Membership({
    db,
    zone: config.collector.zone,
    name: config.collector.name,
    leaseMs: config.collector.leaseMs,
    roles: () => Object.values(duties).flatMap((d) => (d.holding ? [d.name] : [])),
  });
  const local = localTransport();
  const transportFor = (host: HostRecord): ProbeTransport =>
    host.transport === "local" ? local : sshTransport(pool, host.id, sshTargetOf(host, { config, db }), { sessions: config.probeSessions });
  const poller = new Poller({
    db,
    transportFor,
    script: probeScript,
    limits: { timeoutMs: config.probeTimeoutMs, maxBytes: config.probeMaxBytes },
    intervalMs: config.pollIntervalMs,
    concurrency: config.pollConcurrency,
    onHostGone: (id) => pool.evict(id),
    // Once this process has joined the collectors it polls the hosts it holds; before that (tests), every host.
    owns: (id) => !collector.joined || collector.owns(id),
  });
  const alerts = new AlertEvaluator({
    db,
    publicUrl: config.publicUrl,
    pollIntervalMs: config.pollIntervalMs,
    groupWaitMs: config.alerts.groupWaitMs,
    duty: duties.alerts,
  });
  poller.on("poll", (outcome: PollOutcome) => {
    collector.countPoll(outcome.status === "ok");
    alerts.afterPoll(outcome).catch((err: Error) => {
      console.error(`twscope: alert evaluation for host ${outcome.hostId} failed: ${err.message}`);
    });
  });
  const notifier = new Notifier({ db, config, duty: duties.alerts });
  return { config, db, pool, poller, alerts, notifier, collector, duties };
}

/** The process's context, built from the environment on first use (concurrent first callers share one build). */
export async function getContext(): Promise<AppContext> {
  const ready = currentContext();
  if (ready) return ready;
  building ??= createContext(loadConfig()).then(
    (ctx) => {
      setCurrentContext(ctx);
      return ctx;
    },
    (err: unknown) => {
      building = null;
      throw err;
    },
  );
  return building;
}

let building: Promise<AppContext> | null = null;

/** Makes `ctx` the process's context, as route handlers and pages then see it (tests build one over a temporary database). */
export function installContext(ctx: AppContext): AppContext {
  const current = currentContext();
  if (current && current !== ctx) throw new Error("a twscope context is installed already; close it first");
  setCurrentContext(ctx);
  return ctx;
}

/**
 * Stops polling and notifying and closes SSH connections at once, then gives back this collector's leases and
 * duties and closes the database as soon as it can: the caller need not wait (a poll still under way then fails
 * to store its result, and is simply lost), but a signal handler that does wait hands the hosts over at once.
 */
export function closeContextNow(ctx: AppContext | null = currentContext()): Promise<void> {
  if (!ctx) return Promise.resolve();
  void ctx.poller.stop(0);
  ctx.alerts.stop();
  ctx.notifier.stopNow();
  ctx.pool.closeAll();
  forget(ctx);
  return leave(ctx).catch(() => {});
}

/** Gives back the collector's leases and the duties held, then closes the database. */
async function leave(ctx: AppContext): Promise<void> {
  await ctx.collector.stop();
  await Promise.all(Object.values(ctx.duties).map((d) => d.release()));
  await ctx.db.close();
}

function forget(ctx: AppContext): void {
  if (currentContext() !== ctx) return;
  setCurrentContext(undefined);
  building = null;
}

/** Stops polling and notifying (letting polls and sends under way finish), then closes connections and the database. */
export async function closeContext(ctx: AppContext | null = currentContext()): Promise<void> {
  if (!ctx) return;
  await Promise.all([ctx.poller.stop(), ctx.notifier.stop()]);
  ctx.alerts.stop();
  ctx.pool.closeAll();
  forget(ctx);
  await leave(ctx);
}
