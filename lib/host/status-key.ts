import type { HostStatus } from "../types";

/** Each status's key in `common.hostStatus` (catalogue keys are camelCase, statuses kebab-case). */
export const HOST_STATUS_KEY = {
  ok: "ok",
  pending: "pending",
  unreachable: "unreachable",
  timeout: "timeout",
  "auth-failed": "authFailed",
  "host-key-mismatch": "hostKeyMismatch",
  "host-key-unknown": "hostKeyUnknown",
  "probe-error": "probeError",
} as const satisfies Record<HostStatus, string>;

/** A status's full catalogue key; a value the catalogue does not know (a status from a newer twscope) is shown as it is. */
export const hostStatusMessageKey = (status: string): string | null =>
  Object.hasOwn(HOST_STATUS_KEY, status) ? `common.hostStatus.${HOST_STATUS_KEY[status as HostStatus]}` : null;
