import type { AppContext } from "@/server/context";
import type { PollOutcome } from "@/server/poll/poll-host";
import type { Poller } from "@/server/poll/poller";
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
