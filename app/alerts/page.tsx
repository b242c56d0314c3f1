import { getLocale, getTranslations } from "next-intl/server";
import { AlertsTabs } from "@/components/alerts/alerts-tabs";
import { ClientMessages } from "@/components/i18n/client-messages";
import { alertsPageHref, alertsQueryFromParams } from "@/lib/alerts/alerts-page-query";
import type { Locale } from "@/lib/i18n/locales";
import { requirePageUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";
import { getHost } from "@/server/db/hosts";
import { listOpenAlerts } from "@/server/services/alerts/alerts";
import { listRuleDtos } from "@/server/services/alerts/rules";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("alerts.page");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rendered with the open alerts (their texts in the reader's language) and the rules in the HTML; the tabs keep them live. */
export default async function AlertsPage({ searchParams }: Props) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") params.set(k, v);
  const q = alertsQueryFromParams(params);
  await requirePageUser(alertsPageHref(q));
  const ctx = await getContext();
  const locale = (await getLocale()) as Locale;
  return (
    <ClientMessages namespaces={["alerts", "ui"]}>
      <AlertsTabs
        initialOpen={await listOpenAlerts(ctx, q.host ?? undefined, Date.now(), locale)}
        initialRules={await listRuleDtos(ctx)}
        pollIntervalMs={ctx.config.pollIntervalMs}
        hostName={q.host ? ((await getHost(ctx.db, q.host))?.name ?? null) : null}
      />
    </ClientMessages>
  );
}
