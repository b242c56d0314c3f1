import type { Freshness } from "@/lib/host/freshness";
import { TimeAgo } from "./time-ago";
import { Timestamp } from "./timestamp";

/**
 * What a figure's age needs said beside it: "as of <time>" when stale, "bundle pasted … ago" for a
 * pasted bundle; nothing when fresh. `frozen` (a snapshot) writes the paste time out instead of counting.
 */
export function FreshnessNote({
  freshness,
  frozen = false,
  className = "",
}: {
  freshness: Freshness;
  frozen?: boolean;
  className?: string;
}) {
  const look = `text-xs text-zinc-500 ${className}`;
  if (freshness.state === "stale")
    return (
      <span className={look} data-freshness-note="stale">
        as of <Timestamp at={freshness.at} />
      </span>
    );
  if (freshness.state === "bundle") {
    return (
      <span className={look} data-freshness-note="bundle">
        bundle pasted {frozen ? <Timestamp at={freshness.pastedAt} /> : <TimeAgo at={freshness.pastedAt} />}
      </span>
    );
  }
  return null;
}

/** Greyed look for figures that are not "now". */
export const STALE_LOOK = "opacity-60 grayscale";
