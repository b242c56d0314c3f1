"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { isFiltered, type FleetQuery, type SortKey } from "@/lib/fleet-query";
import { HOST_STATUSES } from "@/lib/types";

// The table's column headers sort on wide screens; phones show cards without headers, so they get a select.
const PHONE_SORTS = [
  ["severity", "desc"],
  ["tw", "desc"],
  ["name", "asc"],
  ["status", "desc"],
  ["lastPoll", "asc"],
] as const satisfies readonly (readonly [SortKey, FleetQuery["dir"]])[];
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
  const t = useTranslations("fleet.controls");
  const severity = useTranslations("common.severity");
  const [text, setText] = useSearchText(view.q, (q) => onChange({ q }));
  return (
    <div className="flex flex-wrap items-center gap-2" role="search">
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("search")}
        aria-label={t("searchLabel")}
        className={`${select} w-full sm:w-72`}
      />
      <select
        aria-label={t("byStatus")}
        value={view.status}
        onChange={(e) => onChange({ status: e.target.value as FleetQuery["status"] })}
        className={select}
      >
        <option value="">{t("anyStatus")}</option>
        {HOST_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
        <option value="stale">{t("staleOption")}</option>
      </select>
      <select
        aria-label={t("bySeverity")}
        value={view.severity}
        onChange={(e) => onChange({ severity: e.target.value as FleetQuery["severity"] })}
        className={select}
      >
        <option value="">{t("anyFinding")}</option>
        <option value="critical">{severity("critical")}</option>
        <option value="warning">{severity("warning")}</option>
        <option value="info">{t("infoOnly")}</option>
      </select>
      <select aria-label={t("byTag")} value={view.tag} onChange={(e) => onChange({ tag: e.target.value })} className={select}>
        <option value="">{t("anyTag")}</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      <select
        aria-label={t("sortBy")}
        value={`${view.sort}:${view.dir}`}
        className={`${select} md:hidden`}
        onChange={(e) => {
          const [sort, dir] = e.target.value.split(":");
          onChange({ sort: sort as SortKey, dir: dir as FleetQuery["dir"] });
        }}
      >
        {PHONE_SORTS.map(([key, dir]) => (
          <option key={key} value={`${key}:${dir}`}>
            {t(`sort.${key}`)}
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
          {t("clear")}
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
