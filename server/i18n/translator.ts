import "server-only";
import { createTranslator, IntlErrorCode, type IntlError } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { messagesFor } from "./catalogue";

/** The English text at a dotted path, for a message another language lacks. */
function englishAt(path: string): string | undefined {
  let node: unknown = messagesFor(DEFAULT_LOCALE);
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/**
 * A message missing from one language shows in English rather than as its key, and is logged once;
 * tests make it throw instead (`strict`), so a missing key fails a test, not the page.
 */
const logged = new Set<string>();
export function onIntlError(error: IntlError): void {
  if (error.code === IntlErrorCode.MISSING_MESSAGE && logged.has(error.message)) return;
  logged.add(error.message);
  console.error(`twscope: ${error.message}`);
}

export function messageFallback({ namespace, key }: { namespace?: string; key: string }): string {
  const path = namespace ? `${namespace}.${key}` : key;
  return englishAt(path) ?? path;
}

/**
 * A translate function over every catalogue of one language, outside React: the CLI, alert
 * notifications, API error messages, the terminal report. Keys are full paths ("advice.findings.…").
 */
export function translatorFor(locale: Locale, { strict = false } = {}): Translate {
  const t = createTranslator({
    locale,
    messages: messagesFor(locale),
    timeZone: "UTC",
    onError: strict
      ? (error) => {
          throw error;
        }
      : onIntlError,
    getMessageFallback: messageFallback,
  });
  const translate = (key: string, values?: Record<string, string | number | boolean>) =>
    (t as unknown as (k: string, v?: typeof values) => string)(key, values);
  return Object.assign(translate, {
    has: (key: string) => (t.has as (k: string) => boolean)(key),
    raw: (key: string) => (t.raw as (k: string) => unknown)(key),
  });
}
