import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { alertsPageHref, alertsQueryFromParams } from "@/lib/alerts/alerts-page-query";
import { requirePageUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";
import { getHost } from "@/server/db/hosts";
import { listOpenAlerts } from "@/server/services/alerts/alerts";
import { listRuleDtos } from "@/server/services/alerts/rules";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts · twscope" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rendered with the open alerts and the rules in the HTML; the tabs keep them live. */
export default async function AlertsPage({ searchParams }: Props) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") params.set(k, v);
  const q = alertsQueryFromParams(params);
  await requirePageUser(alertsPageHref(q));
  const ctx = await getContext();
  return (
    <AlertsTabs
      initialOpen={await listOpenAlerts(ctx, q.host ?? undefined)}
      initialRules={await listRuleDtos(ctx)}
      pollIntervalMs={ctx.config.pollIntervalMs}
      hostName={q.host ? ((await getHost(ctx.db, q.host))?.name ?? null) : null}
    />
  );
}
