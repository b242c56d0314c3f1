"use client";

import { useEffect, useRef, useState } from "react";
import { isFiltered, type FleetQuery, type SortKey } from "@/lib/fleet-query";
import { HOST_STATUSES } from "@/lib/types";

// The table's column headers sort on wide screens; phones show cards without headers, so they get a select.
const PHONE_SORTS = [
  ["severity:desc", "worst first"],
  ["tw:desc", "most TIME_WAIT"],
  ["name:asc", "name"],
  ["status:desc", "status"],
  ["lastPoll:asc", "oldest poll first"],
] as const;
const SEARCH_DELAY_MS = 300;
const select = "rounded border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function FleetControls({
  view,
  tags,
  onChange,
}: {
  view: FleetQuery;
  tags: string[];
  onChange: (patch: Partial<FleetQuery>) => void;
}) {
  const [text, setText] = useSearchText(view.q, (q) => onChange({ q }));
  return (
    <div className="flex flex-wrap items-center gap-2" role="search">
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search hosts, addresses, tags, findings"
        aria-label="Search"
        className={`${select} w-full sm:w-72`}
      />
      <select
        aria-label="Filter by status"
        value={view.status}
        onChange={(e) => onChange({ status: e.target.value as FleetQuery["status"] })}
        className={select}
      >
        <option value="">any status</option>
        {HOST_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
        <option value="stale">stale (no new sample for 3 polls)</option>
      </select>
      <select
        aria-label="Filter by severity"
        value={view.severity}
        onChange={(e) => onChange({ severity: e.target.value as FleetQuery["severity"] })}
        className={select}
      >
        <option value="">any finding</option>
        <option value="critical">critical</option>
        <option value="warning">warning</option>
        <option value="info">info only</option>
      </select>
      <select aria-label="Filter by tag" value={view.tag} onChange={(e) => onChange({ tag: e.target.value })} className={select}>
        <option value="">any tag</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select
        aria-label="Sort by"
        value={`${view.sort}:${view.dir}`}
        className={`${select} md:hidden`}
        onChange={(e) => {
          const [sort, dir] = e.target.value.split(":");
          onChange({ sort: sort as SortKey, dir: dir as FleetQuery["dir"] });
        }}
      >
        {PHONE_SORTS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {isFiltered(view) && (
        <button
          type="button"
          className="text-sm underline"
          onClick={() => {
            setText("");
            onChange({ q: "", status: "", severity: "", tag: "" });
          }}
        >
          clear filters
        </button>
      )}
    </div>
  );
}

/**
 * The search box's own text, handed on `SEARCH_DELAY_MS` after the last keystroke (each search is a
 * request to the server). A search changed from outside (clear filters, a link) replaces the text;
 * the echo of one handed on does not, so keys typed meanwhile stay.
 */
function useSearchText(q: string, commit: (q: string) => void): [string, (text: string) => void] {
  const [text, setText] = useState(q);
  const sent = useRef(q);
  const latestCommit = useRef(commit);
  useEffect(() => {
    latestCommit.current = commit;
  });
  useEffect(() => {
    if (q === sent.current) return;
    sent.current = q;
    setText(q);
  }, [q]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      latestCommit.current(text);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return [text, setText];
}
