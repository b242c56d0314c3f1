import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { HostFormView } from "@/components/host/host-form-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostForms"))("titles.new") };
}

export default async function NewHostPage() {
  const who = await requirePageUser("/hosts/new");
  if (who.role !== "admin") return <AdminOnly what="addHosts" />;
  return (
    <ClientMessages namespaces={["hostForms", "ui"]}>
      <HostFormView />
    </ClientMessages>
  );
}
