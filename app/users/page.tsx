import { getTranslations } from "next-intl/server";
import { AdminOnly } from "@/components/auth/admin-only";
import { UsersAdminView } from "@/components/auth/users-admin-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("auth.users"))("pageTitle") });

export default async function UsersPage() {
  const who = await requirePageUser("/users");
  if (who.role !== "admin") return <AdminOnly what="users" />;
  return (
    <ClientMessages namespaces={["auth", "ui"]}>
      <UsersAdminView me={who.name} />
    </ClientMessages>
  );
}
