import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/server/i18n/catalogue";

/**
 * A component's HTML in one language, with every catalogue provided, as a page renders it. A missing
 * message throws instead of showing its key, so a gap in a catalogue fails the test.
 */
export function renderIn(locale: Locale, element: ReactElement): string {
  const provider = createElement(NextIntlClientProvider, {
    locale,
    messages: messagesFor(locale),
    timeZone: "UTC",
    onError: (error) => {
      throw error;
    },
    children: element,
  });
  return renderToStaticMarkup(provider);
}

/** The text a reader sees in some HTML: tags dropped, the entities React writes decoded. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
