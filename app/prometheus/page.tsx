import { AdminOnly } from "@/components/auth/admin-only";
import { MetricsTokensView } from "@/components/prometheus/metrics-tokens-view";
import { requirePageUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prometheus · twscope" };

export default async function PrometheusPage() {
  const who = await requirePageUser("/prometheus");
  if (who.role !== "admin") return <AdminOnly what="Managing Prometheus scrape tokens" />;
  return <MetricsTokensView publicUrl={(await getContext()).config.publicUrl} />;
}
