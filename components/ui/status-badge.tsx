import type { HostStatus } from "@/lib/types";

const LOOK: Record<HostStatus, { label: string; className: string }> = {
  ok: { label: "ok", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200" },
  pending: { label: "waiting for first poll", className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  unreachable: { label: "unreachable", className: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200" },
  timeout: { label: "timeout", className: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-200" },
  "auth-failed": { label: "auth failed", className: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200" },
  "host-key-mismatch": { label: "host key changed", className: "bg-red-600 text-white" },
  "host-key-unknown": { label: "host key not trusted", className: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200" },
  "probe-error": { label: "probe error", className: "bg-orange-100 text-orange-800 dark:bg-orange-900/50 dark:text-orange-200" },
};

export function StatusBadge({ status }: { status: HostStatus }) {
  const look = LOOK[status];
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${look.className}`} data-status={status}>{look.label}</span>;
}
