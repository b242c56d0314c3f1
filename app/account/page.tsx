import { getTranslations } from "next-intl/server";
import { PasswordFormView } from "@/components/auth/password-form-view";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/server/auth/page-access";

export const dynamic = "force-dynamic";
export const generateMetadata = async () => ({ title: (await getTranslations("auth.account"))("pageTitle") });

export default async function AccountPage() {
  const who = await requirePageUser("/account");
  const t = await getTranslations("auth.account");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{who.name}</h1>
      <p className="text-sm text-zinc-500">{t("role", { role: who.role, proxy: String(who.via === "proxy") })}</p>
      {who.via === "session" && (
        <ClientMessages namespaces={["auth", "ui"]}>
          <PasswordFormView />
        </ClientMessages>
      )}
    </div>
  );
}
