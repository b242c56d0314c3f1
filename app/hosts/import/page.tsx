import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { BundleImportFormView } from "@/components/host/bundle-import-form-view";
import { SshConfigImportFormView } from "@/components/host/ssh-config-import-form-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { InventoryImportFormView } from "@/components/inventory/inventory-import-form-view";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostForms"))("titles.import") };
}

export default async function ImportHostsPage() {
  const who = await requirePageUser("/hosts/import");
  if (who.role !== "admin") return <AdminOnly what="importHosts" />;
  return (
    <ClientMessages namespaces={["hostForms", "inventory", "ui"]}>
      <div className="space-y-12">
        <InventoryImportFormView />
        <SshConfigImportFormView />
        <BundleImportFormView />
      </div>
    </ClientMessages>
  );
}
