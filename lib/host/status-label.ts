import type { HostStatus } from "../types";

const LABELS: Record<HostStatus, string> = {
  ok: "ok",
  pending: "waiting for first poll",
  unreachable: "unreachable",
  timeout: "timeout",
  "auth-failed": "auth failed",
  "host-key-mismatch": "host key changed",
  "host-key-unknown": "host key not trusted",
  "probe-error": "probe error",
};

/**
 * A host's status in words. `pending` on a host that was polled before can only follow a key
 * being trusted (re-trust sets it), so it says that instead of "waiting for first poll".
 */
export function hostStatusLabel(status: HostStatus, lastPollAt: number | null = null): string {
  if (status === "pending" && lastPollAt !== null) return "key trusted; next poll pending";
  return LABELS[status];
}
