import { sshTargetOf, type AppContext } from "@/server/context";
import type { HostRecord } from "@/server/db/hosts";
import { pollHost, type PollOutcome } from "@/server/poll/poll-host";
import type { Poller } from "@/server/poll/poller";
import { probeScript } from "@/server/transport/probe-script";
import { sshTransport } from "@/server/transport/ssh-transport";
import { startSshd, type TestSshd } from "./sshd";

/** The first poll outcome of a host, on the poller's own schedule, that satisfies `accept`. */
export function pollOutcome(poller: Poller, hostId: number, accept: (o: PollOutcome) => boolean = () => true): Promise<PollOutcome> {
  return new Promise((resolve) => {
    const listener = (o: PollOutcome) => {
      if (o.hostId === hostId && accept(o)) {
        poller.off("poll", listener);
        resolve(o);
      }
    };
    poller.on("poll", listener);
  });
}

/** Moves a host to the front of the poller's queue and waits for its next poll outcome that satisfies `accept`. */
export function nextPoll(poller: Poller, hostId: number, accept: (o: PollOutcome) => boolean = () => true): Promise<PollOutcome> {
  const outcome = pollOutcome(poller, hostId, accept);
  poller.pollSoon(hostId);
  return outcome;
}

/**
 * One poll of an SSH host through the collector, outside the poller: the real probe, the config's
 * probe limits (or a shorter deadline), over a serving probe session unless `sessions` is false.
 */
export function pollOverSsh(
  ctx: AppContext,
  host: HostRecord,
  options: { sessions?: boolean; timeoutMs?: number } = {},
): Promise<PollOutcome> {
  const { db, config, pool } = ctx;
  return pollHost(db, host, sshTransport(pool, host.id, sshTargetOf(host, ctx), { sessions: options.sessions }), {
    script: probeScript(),
    limits: { timeoutMs: options.timeoutMs ?? config.probeTimeoutMs, maxBytes: config.probeMaxBytes },
  });
}

/** Starts a real sshd (see `startSshd`) and the context's poller. */
export async function startSshdAndPoller(ctx: AppContext, ...sshdArgs: Parameters<typeof startSshd>): Promise<TestSshd> {
  const sshd = await startSshd(...sshdArgs);
  ctx.poller.start();
  return sshd;
}

/** Stops the poller (letting polls under way finish) and its SSH connections, then sshd: no poll meets a vanished sshd. */
export async function stopSshdAndPoller(ctx: AppContext, sshd: TestSshd | undefined): Promise<void> {
  await ctx.poller.stop();
  ctx.pool.closeAll();
  await sshd?.stop();
}
