"use client";

import { useTranslations } from "next-intl";
import { fetchJson } from "@/lib/api-client";

export function SignOutButtonView() {
  const t = useTranslations("header");
  const signOut = async () => {
    await fetchJson("/api/session", { method: "DELETE" }).catch(() => undefined);
    window.location.assign("/signin");
  };
  return (
    <button type="button" onClick={signOut} className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
      {t("signOut")}
    </button>
  );
}
