import { FleetView } from "@/components/fleet/fleet-view";
import { getLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";
import { listOpenAlerts } from "@/server/services/alerts/alerts";
import { queryFromParams } from "@/lib/fleet-query";
import { fleetPage } from "@/server/services/fleet/fleet";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

/**
 * Rendered with the URL's page of hosts already in the HTML; the client then keeps them live. No Suspense boundary:
 * the page hydrates with the layout in one pass, so its controls work once the page says it hydrated
 * (a boundary hydrated later resets a select changed before it, and the change is lost).
 */
export default async function FleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const path = pathWithQuery("/", await searchParams);
  await requirePageUser(path);
  const ctx = await getContext();
  const view = queryFromParams(new URL(path, "http://twscope").searchParams);
  // The fleet view's words, its findings list's, the share dialog's and the firing alerts strip's.
  return (
    <ClientMessages namespaces={["fleet", "advice", "snapshot", "alerts"]}>
      <FleetView
        initialFleet={await fleetPage(ctx, view)}
        initialAlerts={await listOpenAlerts(ctx, undefined, Date.now(), await getLocale())}
      />
    </ClientMessages>
  );
}

function pathWithQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
