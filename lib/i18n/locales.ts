/** The languages twscope speaks, English first (the default). Adding one is a folder of catalogues and a line here. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in that language, for the switch in the header. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

/** The cookie that remembers the language of a browser (signed in or not, e.g. a share-link viewer). */
export const LOCALE_COOKIE = "twscope-locale";

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** The supported language a BCP 47 tag stands for: `zh`, `zh-Hans`, `zh-SG`, `zh-TW` read Chinese; `en-GB` English. */
export function localeOfTag(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (lower === "zh" || lower.startsWith("zh-") || lower.startsWith("zh_")) return "zh-CN";
  if (lower === "en" || lower.startsWith("en-") || lower.startsWith("en_")) return "en";
  return null;
}

/** The best supported language of an `Accept-Language` header, by its q-values; null when none is supported. */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const r of ranked) {
    const locale = localeOfTag(r.tag);
    if (locale) return locale;
  }
  return null;
}

/** The language of a POSIX locale name (`LANG=zh_CN.UTF-8`), for the command line; null for `C`, `POSIX` or others. */
export function localeOfPosix(value: string | undefined): Locale | null {
  if (!value) return null;
  return localeOfTag(value.split(".")[0]!.split("@")[0]!);
}
