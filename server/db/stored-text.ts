import "server-only";
import { LOCALES } from "@/lib/i18n/locales";
import { isMessage, renderText, type StoredText } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";

/** A finding's text in a TEXT column: a message as its JSON, a legacy English sentence as it is. */
export const storedTextColumn = (text: StoredText): string => (typeof text === "string" ? text : JSON.stringify(text));

/** Back from `storedTextColumn`: English sentences stored before findings were data never read as a message. */
export function storedTextOf(column: string): StoredText {
  if (!column.startsWith("{")) return column;
  try {
    const parsed: unknown = JSON.parse(column);
    return isMessage(parsed) ? parsed : column;
  } catch {
    return column;
  }
}

// One translator per language for every summary written (each caches the messages it has parsed).
const translators = LOCALES.map((locale) => translatorFor(locale));

/** The text in every language, one per line: a search column that a query in either language finds. */
export const searchableText = (text: StoredText): string =>
  typeof text === "string" ? text : translators.map((t) => renderText(t, text)).join("\n");
