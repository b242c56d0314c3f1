import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { AuditLogView } from "@/components/auth/audit-log-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("auth.audit"))("pageTitle") });

export default async function AuditPage() {
  const who = await requirePageUser("/audit");
  if (who.role !== "admin") return <AdminOnly what="audit" />;
  return (
    <ClientMessages namespaces={["auth", "ui"]}>
      <AuditLogView />
    </ClientMessages>
  );
}
