/**
 * A sentence kept as data: its catalogue key and the values it takes, rendered in the reader's
 * language when shown. Findings, evidence and remedy reasons are stored this way, so a snapshot
 * or an alert reads in the language of whoever reads it.
 */
export interface Message {
  key: string;
  values?: MessageValues;
}

/** A value is a number (formatted per language by the catalogue), a name or address kept as it is, or a phrase of its own. */
export type MessageValue = string | number | boolean | Message;
export type MessageValues = Record<string, MessageValue>;

/** What stored findings hold: a message, or the English sentence findings held before they were data. */
export type StoredText = Message | string;

export const msg = (key: string, values?: MessageValues): Message => (values ? { key, values } : { key });

export const isMessage = (v: unknown): v is Message => typeof v === "object" && v !== null && typeof (v as Message).key === "string";

/** A translate function over the whole catalogue, as next-intl's `useTranslations()` or `createTranslator` give. */
export interface Translate {
  (key: string, values?: Record<string, string | number | boolean>): string;
  /** Whether the catalogue has that key. */
  has(key: string): boolean;
  /** The catalogue's value as written, not read as an ICU message: plain prose (the remedy texts) and lists of it. */
  raw(key: string): unknown;
}

/** A stored text in the reader's language: a message through the catalogue (phrases inside it first); a legacy string as it is. */
export function renderText(t: Translate, text: StoredText): string {
  if (typeof text === "string") return text;
  if (!text.values) return t(text.key);
  const values: Record<string, string | number | boolean> = {};
  for (const [name, v] of Object.entries(text.values)) values[name] = isMessage(v) ? renderText(t, v) : v;
  return t(text.key, values);
}
