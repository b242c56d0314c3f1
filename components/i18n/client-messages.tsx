import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { pickMessages, type Namespace } from "@/server/i18n/catalogue";

/**
 * Hands the client components below it the catalogues they render, and no others: the rest of the
 * text is rendered on the server. `common` always comes along.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <NextIntlClientProvider locale={locale} timeZone="UTC" messages={pickMessages(locale, ["common", ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
