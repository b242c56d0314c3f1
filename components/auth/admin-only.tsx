import { useTranslations } from "next-intl";

/** The admin pages, as `AdminOnly` names them. */
export type AdminArea = "users" | "audit" | "prometheus" | "addHosts" | "editHosts" | "importHosts" | "hostKeys";

/** Shown instead of an admin page to a signed-in viewer. */
export function AdminOnly({ what }: { what: AdminArea }) {
  const t = useTranslations("auth.adminOnly");
  return (
    <div className="max-w-xl space-y-2" role="alert">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-zinc-600 dark:text-zinc-300">{t("body", { what: t(`areas.${what}`) })}</p>
    </div>
  );
}
