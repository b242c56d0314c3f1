import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { parseRouteId } from "@/lib/route-id";
import { HostView } from "@/components/host/host-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { rangeOf } from "@/lib/series/range";
import { AppError } from "@/server/errors";
import { currentUser, requirePageUser } from "@/server/auth/page-access";
import { listOpenAlerts } from "@/server/services/alerts/alerts";
import { getHostDetail } from "@/server/services/hosts/host-detail";
import { hostSeries } from "@/server/services/hosts/series";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";

/** Once per request: the page and its title both read the host. */
const hostDetail = cache(async (id: number) => getHostDetail(await getContext(), id));

/** "web-1 · Host · twscope" for a signed-in reader; a host's name is no one else's to see, nor is a host that does not exist. */
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const t = await getTranslations("host");
  const id = parseRouteId((await params).id);
  if (id === null || !(await currentUser())) return { title: t("title") };
  try {
    return { title: t("namedTitle", { name: (await hostDetail(id)).name }) };
  } catch (err) {
    if (err instanceof AppError && err.httpStatus === 404) return { title: t("title") };
    throw err;
  }
}

/** What the host page's client components render: its own panels, the findings and remedies, its alerts and the share dialog. */
const NAMESPACES = ["host", "hostForms", "chart", "advice", "remedy", "remedies", "alerts", "snapshot", "ui"] as const;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rendered with the host and its chart series in the HTML; the client keeps them live (no Suspense boundary: see app/page.tsx). */
export default async function HostPage({ params, searchParams }: Props) {
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const range = rangeOf((await searchParams).range);
  await requirePageUser(`/hosts/${id}?range=${range}`);
  const ctx = await getContext();
  let host;
  try {
    host = await hostDetail(id);
  } catch (err) {
    if (err instanceof AppError && err.httpStatus === 404) notFound();
    throw err;
  }
  return (
    <ClientMessages namespaces={NAMESPACES}>
      <HostView
        id={id}
        initialHost={host}
        initialSeries={{ range, series: await hostSeries(ctx, id, range) }}
        initialAlerts={await listOpenAlerts(ctx, id, Date.now(), await getLocale())}
      />
    </ClientMessages>
  );
}
