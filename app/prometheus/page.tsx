import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { ClientMessages } from "@/components/i18n/client-messages";
import { MetricsTokensView } from "@/components/prometheus/metrics-tokens-view";
import { requirePageUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("prometheus"))("pageTitle") });

export default async function PrometheusPage() {
  const who = await requirePageUser("/prometheus");
  if (who.role !== "admin") return <AdminOnly what="prometheus" />;
  return (
    <ClientMessages namespaces={["prometheus", "ui"]}>
      <MetricsTokensView publicUrl={(await getContext()).config.publicUrl} />
    </ClientMessages>
  );
}
