"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { fleetQuery, openAlertsQuery } from "@/lib/api-client";
import type { OpenAlertsDto } from "@/lib/alerts/dto";
import type { FleetDto } from "@/lib/dto";
import { nextView, paramsFromQuery, queryFromParams, type FleetQuery } from "@/lib/fleet-query";
import { useIsAdmin } from "../auth/current-user-provider";
import { useUrlSearch } from "../ui/use-url-search";
import { QueryStatus } from "../ui/query-status";
import { SnapshotShareButton } from "../snapshot/snapshot-share-button";
import { AlertStrip } from "../alerts/alert-strip";
import { FleetCollectors } from "./fleet-collectors";
import { FleetUncoveredZones } from "./fleet-uncovered-zones";
import { FleetReport } from "./fleet-report";

/**
 * The live fleet page: the URL's page of hosts (filters, sort and page are in the URL), refetched as
 * polls land. While another page loads, the previous one stays on screen, dimmed.
 */
export function FleetView({ initialFleet, initialAlerts }: { initialFleet?: FleetDto; initialAlerts?: OpenAlertsDto }) {
  const t = useTranslations("fleet");
  const isAdmin = useIsAdmin();
  const [search, setSearch] = useUrlSearch();
  const view = queryFromParams(search);
  const key = paramsFromQuery(view).toString();
  const rendered = initialFleet && paramsFromQuery(initialFleet.query).toString() === key ? initialFleet : undefined;
  const { data, error, isPending, isPlaceholderData } = useQuery({ ...fleetQuery(view), initialData: rendered });
  const alerts = useQuery({ ...openAlertsQuery(), initialData: initialAlerts }).data?.alerts ?? [];
  const firing = new Map<number, number>();
  for (const a of alerts) if (a.state === "firing") firing.set(a.hostId, (firing.get(a.hostId) ?? 0) + 1);
  // A new page is a step Back can undo; a new filter or sort replaces the view (typing would fill the history).
  const change = (patch: Partial<FleetQuery>) =>
    setSearch(paramsFromQuery(nextView(view, patch)), Object.keys(patch).join() === "page" ? "push" : "replace");

  if (isPending || error)
    return <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("loadFailed")} retry={t("retrying")} />;
  return (
    <FleetReport
      rows={data.hosts}
      info={data}
      totals={data.totals}
      tags={data.tags}
      findings={data.findings}
      pollIntervalMs={data.pollIntervalMs}
      view={view}
      onChange={change}
      countedAt={data.asOf}
      loading={isPlaceholderData}
      footnote={t("footnote")}
      alerts={
        <>
          <AlertStrip alerts={alerts} />
          <FleetUncoveredZones zones={data.uncoveredZones} />
        </>
      }
      collectors={<FleetCollectors collectors={data.collectors} />}
      firingOf={(id) => firing.get(id) ?? 0}
      actions={
        <>
          {data.total > 0 && <SnapshotShareButton request={{ kind: "fleet" }} subject={t("shareSubject")} />}
          {isAdmin && (
            <Link
              href="/hosts/new"
              className="rounded bg-zinc-900 px-3 py-2 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
            >
              {t("addHost")}
            </Link>
          )}
        </>
      }
      empty={
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          {isAdmin
            ? t.rich("emptyAdmin", {
                add: (c) => (
                  <Link className="underline" href="/hosts/new">
                    {c}
                  </Link>
                ),
                import: (c) => (
                  <Link className="underline" href="/hosts/import">
                    {c}
                  </Link>
                ),
                code: (c) => <code>{c}</code>,
              })
            : t("emptyViewer")}
        </p>
      }
    />
  );
}
