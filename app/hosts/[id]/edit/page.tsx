import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { parseRouteId } from "@/lib/route-id";
import { AdminOnly } from "@/components/auth/admin-only";
import { HostEditFormView } from "@/components/host/host-edit-form-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostForms"))("titles.edit") };
}

export default async function EditHostPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const who = await requirePageUser(`/hosts/${id}/edit`);
  if (who.role !== "admin") return <AdminOnly what="editHosts" />;
  return (
    <ClientMessages namespaces={["hostForms", "ui"]}>
      <HostEditFormView id={id} />
    </ClientMessages>
  );
}
