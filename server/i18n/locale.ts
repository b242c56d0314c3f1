import "server-only";
import type { Principal } from "@/lib/auth/types";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";

interface HasHeaders {
  headers: Headers;
}

function cookieLocale(headers: Headers): Locale | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LOCALE_COOKIE) {
      const value = decodeURIComponent(rest.join("="));
      return isLocale(value) ? value : null;
    }
  }
  return null;
}

/**
 * The language of one request: the signed-in user's setting, else the browser's cookie from the
 * language switch, else `Accept-Language`, else English. Pages, API errors and share links all use it.
 */
export function localeOf(req: HasHeaders, who: Principal | null): Locale {
  return who?.language ?? cookieLocale(req.headers) ?? negotiateLocale(req.headers.get("accept-language")) ?? DEFAULT_LOCALE;
}
