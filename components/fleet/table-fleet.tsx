import Link from "next/link";
import type { HostDto } from "@/lib/dto";
import { formatAgo, formatCount } from "@/lib/format";
import { SeverityBadge } from "../ui/severity-badge";
import { StatusBadge } from "../ui/status-badge";

export function TableFleet({ hosts }: { hosts: HostDto[] }) {
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm">
        <thead className="bg-zinc-100 text-left text-xs uppercase text-zinc-500 dark:bg-zinc-800">
          <tr>
            <th className="px-3 py-2">Status</th><th className="px-3 py-2">Host</th><th className="px-3 py-2">Address</th>
            <th className="px-3 py-2">Worst finding</th><th className="px-3 py-2 text-right">TIME_WAIT</th><th className="px-3 py-2 text-right">server / client side</th>
            <th className="px-3 py-2 text-right">ESTAB</th><th className="px-3 py-2">Kernel</th><th className="px-3 py-2">Last poll</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} className="border-t border-zinc-100 dark:border-zinc-800" data-host={h.name}>
              <td className="px-3 py-2"><StatusBadge status={h.status} /></td>
              <td className="px-3 py-2 font-medium">
                <Link className="hover:underline" href={`/hosts/${h.id}`}>{h.name}</Link>
                {h.tags.map((t) => <span key={t} className="ml-2 rounded bg-zinc-100 px-1.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{t}</span>)}
              </td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{h.transport === "local" ? "local (no SSH)" : h.transport === "bundle" ? "imported bundle" : `${h.username}@${h.address}:${h.port}`}</td>
              <td className="px-3 py-2 text-xs" data-field="worst">
                {h.worst ? <span className="flex items-center gap-1"><SeverityBadge severity={h.worst.severity} /> {h.worst.title}</span> : "—"}
              </td>
              <td className="px-3 py-2 text-right font-mono" data-field="tw">{formatCount(h.current?.timeWait)}</td>
              <td className="px-3 py-2 text-right font-mono text-xs">{h.current ? `${formatCount(h.current.twServer)} / ${formatCount(h.current.twClient)}` : "—"}</td>
              <td className="px-3 py-2 text-right font-mono">{formatCount(h.current?.established)}</td>
              <td className="px-3 py-2 font-mono text-xs">{h.current?.kernel ?? "—"}</td>
              <td className="px-3 py-2 text-xs text-zinc-500" title={h.lastError ?? undefined}>{formatAgo(h.lastPollAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
