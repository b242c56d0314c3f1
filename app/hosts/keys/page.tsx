import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { HostKeysView } from "@/components/host-keys/host-keys-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";
import { hostKeys } from "@/server/services/hosts/host-keys";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostForms"))("titles.keys") };
}

export default async function HostKeysPage() {
  const who = await requirePageUser("/hosts/keys");
  if (who.role !== "admin") return <AdminOnly what="hostKeys" />;
  return (
    <ClientMessages namespaces={["hostKeys", "ui"]}>
      <HostKeysView initial={await hostKeys(await getContext())} />
    </ClientMessages>
  );
}
