import type { FleetTotals } from "@/lib/fleet-view";
import { formatCount } from "@/lib/format";

export function TilesFleet({ totals, onSeverity, onProblem }: { totals: FleetTotals; onSeverity: (s: "critical" | "warning") => void; onProblem: () => void }) {
  const tile = "rounded border border-zinc-200 bg-white p-3 text-left dark:border-zinc-800 dark:bg-zinc-900";
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
      <div className={tile}><dt className="text-xs text-zinc-500">Hosts</dt><dd className="font-mono text-2xl">{formatCount(totals.hosts)}</dd></div>
      <div className={tile}><dt className="text-xs text-zinc-500">TIME_WAIT now</dt><dd className="font-mono text-2xl" data-testid="total-tw">{formatCount(totals.timeWait)}</dd></div>
      <button type="button" className={`${tile} hover:border-red-400`} onClick={() => onSeverity("critical")}>
        <dt className="text-xs text-zinc-500">Hosts with critical findings</dt><dd className="font-mono text-2xl text-red-600">{totals.critical}</dd>
      </button>
      <button type="button" className={`${tile} hover:border-amber-400`} onClick={() => onSeverity("warning")}>
        <dt className="text-xs text-zinc-500">Hosts with warnings</dt><dd className="font-mono text-2xl text-amber-600">{totals.warning}</dd>
      </button>
      <button type="button" className={`${tile} hover:border-zinc-400`} onClick={onProblem}>
        <dt className="text-xs text-zinc-500">Unreachable or failing</dt><dd className="font-mono text-2xl">{totals.unreachable}</dd>
      </button>
    </dl>
  );
}
