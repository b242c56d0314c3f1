import type { HostStatus } from "../types";

/** Each status's key in `common.hostStatus` (catalogue keys are camelCase, statuses kebab-case). */
const HOST_STATUS_KEY = {
  ok: "ok",
  pending: "pending",
  unreachable: "unreachable",
  timeout: "timeout",
  "auth-failed": "authFailed",
  "host-key-mismatch": "hostKeyMismatch",
  "host-key-unknown": "hostKeyUnknown",
  "probe-error": "probeError",
} as const satisfies Record<HostStatus, string>;

/**
 * A host's status as its words' key in `common.hostStatus`. `pending` on a host that was polled before
 * can only follow a key being trusted (re-trust sets it), so it says that instead of "waiting for first poll".
 */
export const hostStatusWordsKey = (status: HostStatus, lastPollAt: number | null = null) =>
  status === "pending" && lastPollAt !== null ? "keyTrusted" : HOST_STATUS_KEY[status];

/** A status's full catalogue key; a value the catalogue does not know (a status from a newer twscope) is shown as it is. */
export const hostStatusMessageKey = (status: string): string | null =>
  Object.hasOwn(HOST_STATUS_KEY, status) ? `common.hostStatus.${HOST_STATUS_KEY[status as HostStatus]}` : null;
