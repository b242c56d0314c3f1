import "server-only";
import { DEFAULT_LOCALE, LOCALES, localeOfPosix, localeOfTag, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "../i18n/translator";

export const LANG_USAGE = `--lang ${LOCALES.join("|")}`;

/** A `--lang` value twscope does not speak; said in the POSIX locale's language, the one left to go by. */
export class UnknownLanguageError extends Error {
  constructor(value: string, posix: Locale) {
    super(translatorFor(posix)("cli.unknownLanguage", { value: JSON.stringify(value), usage: LANG_USAGE }));
  }
}

/**
 * The language of the command line's human output, and the arguments without `--lang`: `--lang X` or
 * `--lang=X`, else the POSIX locale (LC_ALL, then LC_MESSAGES, then LANG: the first one set decides,
 * so `LC_ALL=C` means English), else English. Throws `UnknownLanguageError` for a `--lang` it does not know.
 */
export function cliLocale(args: string[], env: Record<string, string | undefined>): { locale: Locale; args: string[] } {
  const rest: string[] = [];
  let asked: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--lang") asked = args[++i] ?? "";
    else if (arg.startsWith("--lang=")) asked = arg.slice("--lang=".length);
    else rest.push(arg);
  }
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  const posixLocale = localeOfPosix(posix) ?? DEFAULT_LOCALE;
  if (asked !== null) {
    const locale = localeOfTag(asked);
    if (!locale) throw new UnknownLanguageError(asked, posixLocale);
    return { locale, args: rest };
  }
  return { locale: posixLocale, args: rest };
}
