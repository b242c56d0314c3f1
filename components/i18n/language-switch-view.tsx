"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { postJson } from "@/lib/api-client";
import { isLocale, LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

/** The language switch in the header: remembered for this browser and, when signed in, on the account. */
export function LanguageSwitchView() {
  const t = useTranslations("header");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failed, setFailed] = useState<string | null>(null);
  const change = (language: string) => {
    if (!isLocale(language) || language === locale) return;
    setFailed(null);
    start(async () => {
      try {
        await postJson("/api/me/language", { language }, "PUT");
        router.refresh();
      } catch (err) {
        // The page stays in its language; say why the switch did not take.
        setFailed(err instanceof Error ? err.message : String(err));
      }
    });
  };
  return (
    <label className="flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-300">
      <span className="sr-only">{t("language")}</span>
      <select
        value={locale}
        onChange={(e) => change(e.target.value)}
        disabled={pending}
        aria-label={t("language")}
        data-testid="language-switch"
        className="rounded border border-zinc-300 bg-transparent px-1 py-0.5 text-sm dark:border-zinc-700"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {t("languageFailed", { message: failed })}
        </span>
      )}
    </label>
  );
}
