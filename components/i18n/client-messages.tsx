import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { Messages } from "next-intl";
import type { ReactNode } from "react";

type Namespace = keyof Messages;

/**
 * Hands the client components below it the catalogues they render, and no others: the rest of the
 * text is rendered on the server. `common` always comes along.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [locale, all] = await Promise.all([getLocale(), getMessages()]);
  const messages = Object.fromEntries(["common", ...namespaces].map((ns) => [ns, all[ns as Namespace]]));
  return (
    <NextIntlClientProvider locale={locale} timeZone="UTC" messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
