import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FleetHostDto } from "@/lib/dto";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";
import type { FleetQuery, SortKey } from "@/lib/fleet-query";
import { formatEndpoint } from "@/lib/host/endpoint";
import type { Freshness } from "@/lib/host/freshness";
import { pollErrorText } from "@/lib/host/poll-error-words";
import { useFormat } from "../i18n/use-format";
import { CapturedAge } from "../ui/captured-age";
import { FreshnessNote, STALE_LOOK } from "../ui/freshness-note";
import { SeverityBadge } from "../ui/severity-badge";
import { Sparkline } from "../ui/sparkline";
import { StatusBadge } from "../ui/status-badge";
import { ZoneBadge } from "../ui/zone-badge";

// `name` is the column's header in `fleet.table.column`.
const COLUMNS = [
  { name: "status", sort: "status" },
  { name: "host", sort: "name" },
  { name: "worst", sort: "severity" },
  { name: "tw", sort: "tw", className: "text-right" },
  { name: "lastHour" },
  { name: "serverClient", className: "text-right" },
  { name: "estab", sort: "estab", className: "text-right" },
  { name: "newConnections", sort: "rate", className: "text-right" },
  { name: "kernel" },
  { name: "lastPoll", sort: "lastPoll" },
] as const satisfies { name: string; sort?: SortKey; className?: string }[];

// Below md each row is a card of what a phone user needs: status, host, worst finding, TIME_WAIT with its age, last poll.
const CELL = "px-2 py-2 max-md:p-0";
const DESKTOP_ONLY = "max-md:hidden";
const PHONE_LABEL = "text-xs text-zinc-500 md:hidden";

interface Props {
  hosts: FleetHostDto[];
  view: FleetQuery;
  onSort: (key: SortKey) => void;
  freshnessOf: (h: FleetHostDto) => Freshness;
  /** Off in a snapshot, which has no host pages to link to. */
  linkHosts?: boolean;
  /** A snapshot's capture time: times are written out with their age at capture instead of counting. */
  capturedAt?: number;
  /** Firing alerts per host: a marker beside its name (none in a snapshot). */
  firingOf?: (hostId: number) => number;
}

export function FleetTable({ hosts, view, onSort, freshnessOf, linkHosts = true, capturedAt, firingOf }: Props) {
  const t = useTranslations("fleet.table.column");
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-sm max-md:block">
        <thead className="bg-zinc-100 text-left text-xs text-zinc-500 uppercase max-md:hidden dark:bg-zinc-800">
          <tr>
            {COLUMNS.map((c) => {
              const sort: SortKey | undefined = "sort" in c ? c.sort : undefined;
              return (
                <th
                  key={c.name}
                  className={`px-2 py-2 whitespace-nowrap ${"className" in c ? c.className : ""}`}
                  aria-sort={sort && view.sort === sort ? (view.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {sort ? (
                    <button type="button" onClick={() => onSort(sort)} className="uppercase hover:text-zinc-900 dark:hover:text-white">
                      {t(c.name)}
                      {view.sort === sort ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
                    </button>
                  ) : (
                    t(c.name)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="max-md:block">
          {hosts.map((h) => (
            <Row
              key={h.id}
              host={h}
              freshness={freshnessOf(h)}
              linkHosts={linkHosts}
              capturedAt={capturedAt}
              firing={firingOf?.(h.id) ?? 0}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({
  host: h,
  freshness,
  linkHosts,
  capturedAt,
  firing,
}: {
  host: FleetHostDto;
  freshness: Freshness;
  linkHosts: boolean;
  capturedAt?: number;
  firing: number;
}) {
  const t = useTranslations("fleet.table");
  const translate = useTranslate();
  const format = useFormat();
  const fleet = useTranslations("fleet");
  const figures = freshness.state === "stale" ? STALE_LOOK : "";
  return (
    <tr
      className="border-t border-zinc-100 max-md:flex max-md:flex-wrap max-md:items-start max-md:gap-x-3 max-md:gap-y-1 max-md:px-3 max-md:py-2.5 dark:border-zinc-800"
      data-host={h.name}
      data-freshness={freshness.state}
    >
      <td className={CELL}>
        <span className="flex flex-col items-start gap-1">
          <StatusBadge status={h.status} lastPollAt={h.lastPollAt} />
          {freshness.state === "stale" && (
            <span className="rounded bg-zinc-200 px-1.5 text-xs text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">{t("stale")}</span>
          )}
          {h.noCollector && (
            <span
              className="rounded bg-amber-100 px-1.5 text-xs whitespace-nowrap text-amber-900 dark:bg-amber-900 dark:text-amber-100"
              data-field="no-collector"
              title={t("noCollectorTitle", { zone: h.zone === null ? t("noZoneHosts") : fleet("zone", { zone: h.zone }) })}
            >
              {t("noCollector")}
            </span>
          )}
        </span>
      </td>
      <td className={`${CELL} max-md:min-w-0 max-md:flex-1`}>
        {linkHosts ? (
          <Link className="font-medium hover:underline" href={`/hosts/${h.id}`}>
            {h.name}
          </Link>
        ) : (
          <span className="font-medium">{h.name}</span>
        )}
        {firing > 0 && (
          <div>
            <Link
              href={`/alerts?host=${h.id}`}
              className="rounded bg-red-600 px-1.5 text-xs font-semibold whitespace-nowrap text-white hover:bg-red-700"
              data-field="firing"
            >
              {t("firing", { n: firing })}
            </Link>
          </div>
        )}
        <div className="font-mono text-xs text-zinc-500 max-md:break-all">
          {formatEndpoint(h, { local: t("local"), bundle: t("bundle") })}
        </div>
        {(h.tags.length > 0 || h.zone) && (
          <div className="mt-0.5 flex flex-wrap gap-1">
            {h.zone && <ZoneBadge zone={h.zone} />}
            {h.tags.map((t) => (
              // A tag is the user's own word: not for translation.
              <span key={t} translate="no" className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                {t}
              </span>
            ))}
          </div>
        )}
      </td>
      <td className={`${CELL} text-xs max-md:basis-full ${figures}`} data-field="worst">
        {h.worst ? (
          <span className="flex items-start gap-1">
            <SeverityBadge severity={h.worst.severity} /> <span>{renderText(translate, h.worst.title)}</span>
          </span>
        ) : (
          "—"
        )}
      </td>
      <td className={`${CELL} text-right max-md:text-left`}>
        <span className={PHONE_LABEL}>TIME_WAIT </span>
        <span className={`font-mono ${figures}`} data-field="tw">
          {format.count(h.current?.timeWait)}
        </span>
        <FreshnessNote freshness={freshness} frozen={capturedAt !== undefined} className="block max-md:ml-1 max-md:inline" />
      </td>
      <td className={`${CELL} ${DESKTOP_ONLY} ${figures}`}>
        <Sparkline values={h.sparkline} label={t("sparkline", { host: h.name })} />
      </td>
      <td className={`${CELL} ${DESKTOP_ONLY} text-right font-mono text-xs whitespace-nowrap ${figures}`}>
        {h.current ? `${format.count(h.current.twServer)} / ${format.count(h.current.twClient)}` : "—"}
      </td>
      <td className={`${CELL} ${DESKTOP_ONLY} text-right font-mono ${figures}`}>{format.count(h.current?.established)}</td>
      <td className={`${CELL} ${DESKTOP_ONLY} text-right font-mono text-xs ${figures}`}>{format.rate(h.current?.newConnectionsPerSec)}</td>
      <td className={`${CELL} ${DESKTOP_ONLY} font-mono text-xs ${figures}`}>{h.current?.kernel ?? "—"}</td>
      <td
        className={`${CELL} text-xs text-zinc-500 max-md:ml-auto`}
        title={h.lastError ? renderText(translate, pollErrorText(h.lastError)) : undefined}
        data-field="last-poll"
      >
        <span className={PHONE_LABEL}>{t("lastPollLabel")} </span>
        <CapturedAge at={h.lastPollAt} capturedAt={capturedAt} seconds={false} />
        {h.collector && (
          <span className={`block ${DESKTOP_ONLY}`} data-field="collector">
            {t("by", { collector: h.collector })}
          </span>
        )}
      </td>
    </tr>
  );
}
