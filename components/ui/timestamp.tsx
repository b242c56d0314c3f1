"use client";

import { formatDateTime, type TimeOptions } from "@/lib/format/time";
import { useHydrated } from "./use-now";

/**
 * A moment written out with its zone named: UTC in the server's HTML (which cannot know the viewer's
 * zone) and while hydrating, the viewer's own zone from then on.
 */
export function Timestamp({ at, className, ...options }: { at: number; className?: string } & Omit<TimeOptions, "zone">) {
  const hydrated = useHydrated();
  return (
    <time dateTime={new Date(at).toISOString()} className={`whitespace-nowrap ${className ?? ""}`} data-timestamp>
      {formatDateTime(at, hydrated ? options : { ...options, zone: "UTC" })}
    </time>
  );
}
