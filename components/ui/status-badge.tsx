import { useTranslations } from "next-intl";
import { hostStatusWordsKey } from "@/lib/host/status-key";
import type { HostStatus } from "@/lib/types";

const LOOK: Record<HostStatus, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  pending: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  unreachable: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  timeout: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-200",
  "auth-failed": "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  "host-key-mismatch": "bg-red-600 text-white",
  "host-key-unknown": "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200",
  "probe-error": "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-200",
};

/** `lastPollAt` tells a host whose key was just trusted from one never polled (lib/host/status-key.ts). */
export function StatusBadge({ status, lastPollAt = null }: { status: HostStatus; lastPollAt?: number | null }) {
  const t = useTranslations("common.hostStatus");
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${LOOK[status]}`} data-status={status}>
      {t(hostStatusWordsKey(status, lastPollAt))}
    </span>
  );
}
