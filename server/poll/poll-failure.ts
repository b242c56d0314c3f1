import "server-only";
import type { HostStatus } from "@/lib/types";

/** Why one poll of a host failed, as the host status it leads to. */
export class PollFailure extends Error {
  constructor(
    readonly status: Exclude<HostStatus, "ok" | "pending">,
    message: string,
    readonly seenFingerprint?: string,
  ) {
    super(message);
    this.name = "PollFailure";
  }
}
