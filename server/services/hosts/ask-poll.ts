import "server-only";
import { requestPollOf } from "../../db/change-markers";
import type { AppContext } from "../../context";

/** Polls a host soon: this process's poller at once, and whichever collector holds it (another process, maybe) once it sees the request. */
export async function askForPoll({ db, poller }: Pick<AppContext, "db" | "poller">, hostId: number): Promise<void> {
  poller.pollSoon(hostId);
  await requestPollOf(db, hostId);
}
