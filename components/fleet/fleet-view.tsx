"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { hostsQuery, openAlertsQuery } from "@/lib/api-client";
import type { OpenAlertsDto } from "@/lib/alerts/dto";
import type { FleetDto } from "@/lib/dto";
import { paramsFromQuery, queryFromParams, type FleetQuery } from "@/lib/fleet-query";
import { useIsAdmin } from "../auth/current-user-provider";
import { QueryStatus } from "../ui/query-status";
import { SnapshotShareButton } from "../snapshot/snapshot-share-button";
import { AlertStrip } from "../alerts/alert-strip";
import { FleetReport } from "./fleet-report";
import { FleetFindingsListView } from "./fleet-findings-list-view";

/** The live fleet page: hosts refetched as polls land, filters and sort kept in the URL. */
export function FleetView({ initialFleet, initialAlerts }: { initialFleet?: FleetDto; initialAlerts?: OpenAlertsDto }) {
  const { data, error, isPending } = useQuery({ ...hostsQuery(), initialData: initialFleet });
  const alerts = useQuery({ ...openAlertsQuery(), initialData: initialAlerts }).data?.alerts ?? [];
  const firing = new Map<number, number>();
  for (const a of alerts) if (a.state === "firing") firing.set(a.hostId, (firing.get(a.hostId) ?? 0) + 1);
  const router = useRouter();
  const pathname = usePathname();
  const isAdmin = useIsAdmin();
  const view = queryFromParams(new URLSearchParams(useSearchParams().toString()));
  const change = (patch: Partial<FleetQuery>) => {
    const qs = paramsFromQuery({ ...view, ...patch }).toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  if (isPending || error)
    return (
      <QueryStatus
        isPending={isPending}
        error={error}
        loading="Loading hosts…"
        failed="Cannot load hosts"
        retry=". Retrying every few seconds."
      />
    );
  return (
    <FleetReport
      hosts={data.hosts}
      pollIntervalMs={data.pollIntervalMs}
      view={view}
      onChange={change}
      findings={(ageOf) => <FleetFindingsListView ageOf={ageOf} />}
      footnote="refreshes by itself as polls land"
      alerts={<AlertStrip alerts={alerts} />}
      firingOf={(id) => firing.get(id) ?? 0}
      actions={
        <>
          {data.hosts.length > 0 && <SnapshotShareButton request={{ kind: "fleet" }} subject="the fleet" />}
          {isAdmin && (
            <Link
              href="/hosts/new"
              className="rounded bg-zinc-900 px-3 py-2 text-sm text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
            >
              Add host
            </Link>
          )}
        </>
      }
      empty={
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
          {isAdmin ? (
            <>
              No hosts yet —{" "}
              <Link className="underline" href="/hosts/new">
                add one
              </Link>
              ,{" "}
              <Link className="underline" href="/hosts/import">
                import ~/.ssh/config
              </Link>
              , or run the lab (<code>npm run lab -- up</code>).
            </>
          ) : (
            <>No hosts yet. An admin adds them.</>
          )}
        </p>
      }
    />
  );
}
