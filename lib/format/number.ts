import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

const integers = new Map<Locale, Intl.NumberFormat>();
const integer = (locale: Locale) => {
  let f = integers.get(locale);
  if (!f) integers.set(locale, (f = new Intl.NumberFormat(locale === "en" ? "en-US" : locale)));
  return f;
};

export const formatCount = (n: number | null | undefined, locale: Locale = DEFAULT_LOCALE) => (n == null ? "—" : integer(locale).format(n));

export function formatRate(n: number | null | undefined, locale: Locale = DEFAULT_LOCALE): string {
  if (n == null) return "—";
  return `${n >= 100 ? integer(locale).format(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2)}/s`;
}
