import "server-only";
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "./catalogue";
import { translatorFor } from "./translator";

const zhErrors = z.locales.zhCN();

/** Parse options that make zod's own messages ("Too small: expected …") come in `locale`, for that parse only; English is zod's default. */
export function zodParseOptions(locale: Locale): { error?: typeof zhErrors.localeError } {
  return locale === "zh-CN" ? { error: zhErrors.localeError } : {};
}

/**
 * The schemas in lib/ (shared with the browser's forms) write their own refusals in English; each is
 * in the catalogue under `errors.fields`, so the English text finds its key there and is said in `locale`.
 */
const FIELD_KEYS = new Map(Object.entries(messagesFor(DEFAULT_LOCALE).errors.fields).map(([key, english]) => [english, key]));

export function fieldMessageIn(message: string, locale: Locale): string {
  const key = locale === DEFAULT_LOCALE ? undefined : FIELD_KEYS.get(message);
  return key ? translatorFor(locale)(`errors.fields.${key}`) : message;
}
