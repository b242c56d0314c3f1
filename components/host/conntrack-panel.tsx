import type { ConntrackTable } from "@/lib/types";
import { formatCount } from "@/lib/format/number";

/**
 * The connection-tracking table: how full it is (nf_conntrack_count of nf_conntrack_max, with the
 * headroom), how much of it TIME_WAIT entries hold, and conntrack's failure counters.
 */
export function ConntrackPanel({ table, sysctls }: { table: ConntrackTable | null | undefined; sysctls: Record<string, string> }) {
  const max = Number(sysctls["net.netfilter.nf_conntrack_max"]);
  const count = Number(sysctls["net.netfilter.nf_conntrack_count"] ?? table?.entries);
  if (!table && !(max > 0)) return null;
  const share = max > 0 && Number.isFinite(count) ? count / max : null;
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900" aria-label="Conntrack">
      <h2 className="font-medium">Conntrack table</h2>
      <p className="mb-2 text-xs text-zinc-500">
        netfilter keeps its own entry per connection, in TIME_WAIT for nf_conntrack_tcp_timeout_time_wait (
        {sysctls["net.netfilter.nf_conntrack_tcp_timeout_time_wait"] ?? "?"} s) after it closes; a full table drops new flows.
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-500">entries</dt>
        <dd data-field="conntrack-use">
          {share === null ? (
            "not known"
          ) : (
            <>
              <span className="font-mono">{formatCount(count)}</span> of <span className="font-mono">{formatCount(max)}</span> (
              {Math.round(share * 100)}%), headroom <span className="font-mono">{formatCount(Math.max(0, max - count))}</span>
            </>
          )}
        </dd>
        <dt className="text-zinc-500">TCP in TIME_WAIT</dt>
        <dd data-field="conntrack-time-wait">
          {table?.timeWait == null ? (
            <span className="text-zinc-500">not read: /proc/net/nf_conntrack is root's (the probe&apos;s sudo rule reads it)</span>
          ) : (
            <>
              <span className="font-mono">{formatCount(table.timeWait)}</span>
              {table.entries ? ` = ${Math.round((table.timeWait / table.entries) * 100)}% of the entries` : ""}
              {table.truncated && " (at least: the probe stopped reading at its limit)"}
            </>
          )}
        </dd>
        {table?.insertFailed != null && (
          <>
            <dt className="text-zinc-500">since boot</dt>
            <dd>
              insert_failed <span className="font-mono">{formatCount(table.insertFailed)}</span> · drop{" "}
              <span className="font-mono">{formatCount(table.drop ?? 0)}</span> · early_drop{" "}
              <span className="font-mono">{formatCount(table.earlyDrop ?? 0)}</span>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
