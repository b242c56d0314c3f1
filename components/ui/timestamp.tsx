"use client";

import type { TimeOptions } from "@/lib/format/time";
import { useFormat } from "../i18n/use-format";
import { useHydrated } from "./use-now";

/**
 * A moment written out with its zone named, in the reader's language: UTC in the server's HTML (which
 * cannot know the viewer's zone) and while hydrating, the viewer's own zone from then on.
 */
export function Timestamp({ at, className, ...options }: { at: number; className?: string } & Omit<TimeOptions, "zone" | "locale">) {
  const hydrated = useHydrated();
  const format = useFormat();
  return (
    <time dateTime={new Date(at).toISOString()} className={`whitespace-nowrap ${className ?? ""}`} data-timestamp>
      {format.dateTime(at, hydrated ? options : { ...options, zone: "UTC" })}
    </time>
  );
}
