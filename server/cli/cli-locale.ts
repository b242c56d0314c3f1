import "server-only";
import { DEFAULT_LOCALE, isLocale, localeOfPosix, localeOfTag, type Locale } from "@/lib/i18n/locales";

/**
 * The language of the CLI's human output: `--lang en|zh-CN` (or `--lang=…`), else the POSIX locale
 * (LC_ALL, then LC_MESSAGES, then LANG: the first one set decides, `C` reads English), else English.
 */
export function cliLocale(args: string[], env: NodeJS.ProcessEnv): Locale {
  const given = langArg(args);
  if (given !== undefined) return isLocale(given) ? given : (localeOfTag(given) ?? DEFAULT_LOCALE);
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return localeOfPosix(posix) ?? DEFAULT_LOCALE;
}

function langArg(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return undefined;
    if (a === "--lang") return args[i + 1] ?? "";
    if (a.startsWith("--lang=")) return a.slice("--lang=".length);
  }
  return undefined;
}

/** The arguments without `--lang X` / `--lang=X`, for a command's own parser. */
export function withoutLang(args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--lang") i++;
    else if (!a.startsWith("--lang=")) rest.push(a);
  }
  return rest;
}
