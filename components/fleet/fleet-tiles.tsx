import type { FleetTotals } from "@/lib/fleet-query";
import { formatCount } from "@/lib/format/number";
import { TimeAgo } from "../ui/time-ago";

interface Props {
  totals: FleetTotals;
  onSeverity: (s: "critical" | "warning") => void;
  onProblem: () => void;
  onStale: () => void;
  /** In a snapshot "now" is the capture. */
  frozen?: boolean;
  /** On the live page: when the server counted the totals (by its clock: a host turns stale there too). */
  countedAt?: number;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function FleetTiles({ totals, onSeverity, onProblem, onStale, frozen = false, countedAt }: Props) {
  const tile = "rounded border border-zinc-200 bg-white p-3 text-left dark:border-zinc-800 dark:bg-zinc-900";
  const { stale, bundle } = totals.leftOut;
  const leftOut = [
    stale > 0 && plural(stale, "stale host", "stale hosts"),
    bundle > 0 && plural(bundle, "pasted bundle", "pasted bundles"),
  ].filter(Boolean);
  return (
    <div className="space-y-1">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <div className={tile}>
          <dt className="text-xs text-zinc-500">Hosts</dt>
          <dd className="font-mono text-2xl">{formatCount(totals.hosts)}</dd>
        </div>
        <div className={tile}>
          <dt className="text-xs text-zinc-500">{frozen ? "TIME_WAIT at capture" : "TIME_WAIT now"}</dt>
          <dd className="font-mono text-2xl" data-testid="total-tw">
            {formatCount(totals.timeWait)}
          </dd>
        </div>
        <button type="button" className={`${tile} hover:border-red-400`} onClick={() => onSeverity("critical")}>
          <dt className="text-xs text-zinc-500">Hosts with critical findings</dt>
          <dd className="font-mono text-2xl text-red-600" data-testid="total-critical">
            {formatCount(totals.critical)}
          </dd>
        </button>
        <button type="button" className={`${tile} hover:border-amber-400`} onClick={() => onSeverity("warning")}>
          <dt className="text-xs text-zinc-500">Hosts with warnings</dt>
          <dd className="font-mono text-2xl text-amber-600" data-testid="total-warning">
            {formatCount(totals.warning)}
          </dd>
        </button>
        <button type="button" className={`${tile} hover:border-zinc-400`} onClick={onProblem}>
          <dt className="text-xs text-zinc-500">Unreachable or failing</dt>
          <dd className="font-mono text-2xl">{formatCount(totals.unreachable)}</dd>
        </button>
      </dl>
      {(leftOut.length > 0 || countedAt !== undefined) && (
        <p className="text-xs text-zinc-500">
          {leftOut.length > 0 && (
            <span data-testid="totals-left-out">
              TIME_WAIT, critical and warning counts use fresh samples only: {leftOut.join(" and ")} not counted.
              {stale > 0 && (
                <>
                  {" "}
                  <button type="button" className="underline" onClick={onStale}>
                    show stale hosts
                  </button>
                </>
              )}{" "}
            </span>
          )}
          {countedAt !== undefined && (
            <span data-testid="totals-as-of">
              Totals of all {plural(totals.hosts, "host", "hosts")}, counted by the server <TimeAgo at={countedAt} />.
            </span>
          )}
        </p>
      )}
    </div>
  );
}
