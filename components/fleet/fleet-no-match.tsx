import type { FleetPageInfo, FleetQuery } from "@/lib/fleet-query";
import { formatCount } from "@/lib/format/number";

const box = "rounded border border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700";
const link = "underline hover:text-zinc-900 dark:hover:text-white";

/** What each filter asked for, in words: `status stale (no new sample for 3 polls)`, `tag web`, `search “db-1”`. */
function filterWords(view: FleetQuery): string[] {
  return [
    view.status === "stale" ? "status stale (no new sample for 3 polls)" : view.status && `status ${view.status}`,
    view.severity && (view.severity === "info" ? "info findings only" : `worst finding ${view.severity}`),
    view.tag && `tag ${view.tag}`,
    view.q.trim() && `search “${view.q.trim()}”`,
  ].filter((w): w is string => Boolean(w));
}

/**
 * The table's place when it has no row to show: nothing matches the filters (saying which), or the page
 * lies past the last one (hosts went away since the link was made).
 */
export function FleetNoMatch({
  view,
  info,
  onClear,
  onPage,
}: {
  view: FleetQuery;
  info: FleetPageInfo;
  onClear: () => void;
  onPage: (page: number) => void;
}) {
  if (info.matched > 0) {
    return (
      <p className={box} data-testid="fleet-no-match">
        Page {formatCount(info.page)} is past the last page.{" "}
        <button type="button" className={link} onClick={() => onPage(info.pageCount)}>
          Go to page {formatCount(info.pageCount)}
        </button>
      </p>
    );
  }
  const words = filterWords(view);
  return (
    <p className={box} data-testid="fleet-no-match">
      No host matches {words.join(", ")}.{" "}
      <button type="button" className={link} onClick={onClear}>
        Clear filters
      </button>
    </p>
  );
}
