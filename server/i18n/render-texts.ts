import "server-only";
import { isMessage, renderText, type Translate } from "@/lib/i18n/message";

/**
 * A copy of `value` with every catalogue message inside it (at any depth) said as text by `t`, for an
 * answer whose texts are kept as data until the reader's language is known (error details, an import's notes).
 */
export function renderTextsIn<T>(value: T, t: Translate): T {
  if (isMessage(value)) return renderText(t, value) as T;
  if (Array.isArray(value)) return value.map((v) => renderTextsIn(v, t)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderTextsIn(v, t)])) as T;
  return value;
}
