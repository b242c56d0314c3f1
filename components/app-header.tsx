import Link from "next/link";
import { useTranslations } from "next-intl";
import type { OpenAlertsDto } from "@/lib/alerts/dto";
import type { Principal } from "@/lib/auth/types";
import { AlertsNavLinkView } from "./alerts/alerts-nav-link-view";
import { SignOutButtonView } from "./auth/sign-out-button-view";
import { LanguageSwitchView } from "./i18n/language-switch-view";

const LINK = "text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white";

/** Navigation by role: viewers browse and share; admins also manage hosts, users and Prometheus tokens, and see the audit log. */
export function AppHeader({ user, openAlerts }: { user: Principal | null; openAlerts?: OpenAlertsDto }) {
  const t = useTranslations("header");
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" aria-label={t("main")}>
        <Link href="/" className="font-semibold tracking-tight">
          tw<span className="text-amber-600">scope</span>
        </Link>
        {user && (
          <>
            <Link href="/" className={LINK}>
              {t("fleet")}
            </Link>
            <AlertsNavLinkView className={LINK} initialOpen={openAlerts} />
            {user.role === "admin" && (
              <Link href="/hosts/new" className={LINK}>
                {t("addHost")}
              </Link>
            )}
            {user.role === "admin" && (
              <Link href="/hosts/import" className={LINK}>
                {t("import")}
              </Link>
            )}
            <Link href="/remedies" className={LINK}>
              {t("remedies")}
            </Link>
            <Link href="/snapshots" className={LINK}>
              {t("snapshots")}
            </Link>
            {user.role === "admin" && (
              <Link href="/users" className={LINK}>
                {t("users")}
              </Link>
            )}
            {user.role === "admin" && (
              <Link href="/audit" className={LINK}>
                {t("audit")}
              </Link>
            )}
            {user.role === "admin" && (
              <Link href="/prometheus" className={LINK}>
                {t("prometheus")}
              </Link>
            )}
            <span className="ml-auto flex items-center gap-4">
              <Link href="/account" className={LINK} data-user={user.name}>
                {user.name} <span className="text-xs text-zinc-400">{t("role", { role: user.role })}</span>
              </Link>
              <LanguageSwitchView />
              {user.via === "session" && <SignOutButtonView />}
            </span>
          </>
        )}
        {!user && (
          <span className="ml-auto flex items-center gap-4">
            <LanguageSwitchView />
            <Link href="/signin" className={LINK}>
              {t("signIn")}
            </Link>
          </span>
        )}
      </nav>
    </header>
  );
}
