import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Providers } from "@/components/providers";
import { currentUser } from "@/server/auth/page-access";
import { getContext } from "@/server/context";
import { listOpenAlerts } from "@/server/services/alerts/alerts";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.meta");
  return { title: t("title"), description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The header's firing count arrives with the page; signed-out pages (sign-in, share links) get none.
  const openAlerts = user ? await listOpenAlerts(await getContext()) : undefined;
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        <Providers user={user} renderedAt={Date.now()}>
          <ClientMessages namespaces={["header", "alerts"]}>
            <AppHeader user={user} openAlerts={openAlerts} />
          </ClientMessages>
          {/* Every page's client components get the reader's language and the shared words (times, badges, Cancel…);
              a page that renders more wraps its own subtree with the namespaces it needs. */}
          <ClientMessages namespaces={[]}>
            <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
          </ClientMessages>
        </Providers>
      </body>
    </html>
  );
}
