import Link from "next/link";
import type { FleetHostDto } from "@/lib/dto";
import type { FleetView, SortKey } from "@/lib/fleet-view";
import { formatAgo, formatCount, formatRate } from "@/lib/format";
import { SeverityBadge } from "../ui/severity-badge";
import { Sparkline } from "../ui/sparkline";
import { StatusBadge } from "../ui/status-badge";

const COLUMNS: { label: string; sort?: SortKey; className?: string }[] = [
  { label: "Status", sort: "status" }, { label: "Host", sort: "name" }, { label: "Worst finding", sort: "severity" },
  { label: "TIME_WAIT", sort: "tw", className: "text-right" }, { label: "last hour" }, { label: "server / client", className: "text-right" },
  { label: "ESTAB", sort: "estab", className: "text-right" }, { label: "new conn.", sort: "rate", className: "text-right" },
  { label: "Kernel" }, { label: "Last poll", sort: "lastPoll" },
];

/** A snapshot stores no SSH user (its rows have an empty one), so it shows address:port only. */
function addressOf(h: FleetHostDto): string {
  if (h.transport === "local") return "local (no SSH)";
  if (h.transport === "bundle") return "imported bundle";
  return `${h.username ? `${h.username}@` : ""}${h.address}:${h.port}`;
}

interface Props {
  hosts: FleetHostDto[];
  view: FleetView;
  onSort: (key: SortKey) => void;
  /** Off in a snapshot, which has no host pages to link to. */
  linkHosts?: boolean;
  /** "Last poll … ago" counts from here: the capture time in a snapshot. */
  now?: number;
}

export function TableFleet({ hosts, view, onSort, linkHosts = true, now }: Props) {
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm">
        <thead className="bg-zinc-100 text-left text-xs uppercase text-zinc-500 dark:bg-zinc-800">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} className={`px-3 py-2 whitespace-nowrap ${c.className ?? ""}`}
                aria-sort={c.sort && view.sort === c.sort ? (view.dir === "asc" ? "ascending" : "descending") : undefined}>
                {c.sort ? (
                  <button type="button" onClick={() => onSort(c.sort!)} className="uppercase hover:text-zinc-900 dark:hover:text-white">
                    {c.label}{view.sort === c.sort ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                ) : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} className="border-t border-zinc-100 dark:border-zinc-800" data-host={h.name}>
              <td className="px-3 py-2"><StatusBadge status={h.status} lastPollAt={h.lastPollAt} /></td>
              <td className="px-3 py-2">
                {linkHosts ? <Link className="font-medium hover:underline" href={`/hosts/${h.id}`}>{h.name}</Link> : <span className="font-medium">{h.name}</span>}
                <div className="font-mono text-xs text-zinc-500">{addressOf(h)}</div>
                {h.tags.length > 0 && <div className="mt-0.5 flex flex-wrap gap-1">{h.tags.map((t) => <span key={t} className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{t}</span>)}</div>}
              </td>
              <td className="px-3 py-2 text-xs" data-field="worst">
                {h.worst ? <span className="flex items-start gap-1"><SeverityBadge severity={h.worst.severity} /> <span>{h.worst.title}</span></span> : "—"}
              </td>
              <td className="px-3 py-2 text-right font-mono" data-field="tw">{formatCount(h.current?.timeWait)}</td>
              <td className="px-3 py-2"><Sparkline values={h.sparkline} label={`TIME_WAIT of ${h.name} over the last hour`} /></td>
              <td className="px-3 py-2 text-right font-mono text-xs whitespace-nowrap">{h.current ? `${formatCount(h.current.twServer)} / ${formatCount(h.current.twClient)}` : "—"}</td>
              <td className="px-3 py-2 text-right font-mono">{formatCount(h.current?.established)}</td>
              <td className="px-3 py-2 text-right font-mono text-xs">{formatRate(h.current?.newConnectionsPerSec)}</td>
              <td className="px-3 py-2 font-mono text-xs">{h.current?.kernel ?? "—"}</td>
              <td className="px-3 py-2 text-xs text-zinc-500 whitespace-nowrap" title={h.lastError ?? undefined} suppressHydrationWarning>{formatAgo(h.lastPollAt, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
