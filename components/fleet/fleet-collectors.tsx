import type { CollectorDto } from "@/lib/dto";
import { formatCount } from "@/lib/format/number";
import { TimeAgo } from "../ui/time-ago";

export const zoneName = (zone: string | null) => (zone === null ? "hosts without a zone" : `zone ${zone}`);

const STATE_LOOK: Record<CollectorDto["state"], string> = {
  live: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  stopped: "bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200",
  silent: "bg-red-600 text-white",
};

/** The twscope processes that poll: each collector, the zone it polls, its hosts and heartbeat, and its duties. */
export function FleetCollectors({ collectors }: { collectors: CollectorDto[] }) {
  if (collectors.length === 0) return null;
  return (
    <section aria-label="Collectors" className="rounded border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="mb-2 text-xs font-semibold text-zinc-500 uppercase">Collectors</h2>
      <ul className="space-y-1">
        {collectors.map((c) => (
          <li
            key={`${c.name}-${c.startedAt}`}
            className="flex flex-wrap items-baseline gap-x-2"
            data-collector={c.name}
            data-state={c.state}
          >
            <span className={`rounded px-1.5 text-xs ${STATE_LOOK[c.state]}`}>{c.state}</span>
            <span className="font-mono">{c.name}</span>
            <span className="text-zinc-500">{zoneName(c.zone)}</span>
            {c.state === "live" && <span>{formatCount(c.hosts)} hosts</span>}
            <span className="text-zinc-500">
              {formatCount(c.polls)} polls{c.failedPolls > 0 ? `, ${formatCount(c.failedPolls)} failed` : ""}
            </span>
            <span className="text-zinc-500">
              {c.state === "stopped" ? "stopped; last heard " : "heartbeat "}
              <TimeAgo at={c.heartbeatAt} />
            </span>
            {c.roles.length > 0 && <span className="text-xs text-zinc-500">runs {c.roles.join(" and ")}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
