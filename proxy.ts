import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, SECURITY_HEADERS, SNAPSHOT_HEADERS } from "@/server/http/security-headers";
import { errors } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
import type { Locale } from "@/lib/i18n/locales";
import { localeOf } from "@/server/i18n/locale";
import { translatorFor } from "@/server/i18n/translator";
import { collectorDb, snapshotRateLimit, snapshotState } from "@/server/http/snapshot-gate";

/**
 * Security headers and a per-request CSP nonce for every response. This is not where access is
 * decided: every route handler and page checks the session itself.
 */
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const path = request.nextUrl.pathname;
  const snapshot = path.startsWith("/s/") || path.startsWith("/api/s/");
  const response =
    (path.startsWith("/s/") && (await snapshotResponse(request))) ||
    (path.startsWith("/api/s/") && undecodableToken(path)) ||
    NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
  if (snapshot) for (const [k, v] of Object.entries(SNAPSHOT_HEADERS)) response.headers.set(k, v);
  return response;
}

/**
 * Share-link pages (the JSON route limits itself): rate-limited per client, over every process of the database;
 * a page for an unknown or expired link answers 404 or 410 itself. Without its database the limit cannot be
 * counted, so the page is not served (503) rather than served unlimited.
 */
async function snapshotResponse(request: NextRequest): Promise<NextResponse | null> {
  // In the viewer's language: nobody is signed in to a share link, so the cookie or Accept-Language decides.
  const locale = localeOf(request, null);
  const t = translatorFor(locale);
  const db = collectorDb();
  const wait = db && (await snapshotRateLimit(db, request).catch(() => null));
  if (db === null || wait === null) return plainText(503, locale, `${t("snapshot.link.noDatabase")}\n`, 5);
  if (wait > 0) return plainText(429, locale, `${t("snapshot.link.tooMany")}\n`, wait);
  const token = request.nextUrl.pathname.match(/^\/s\/([^/]*)\/?$/)?.[1];
  if (token === undefined) return null;
  const state = await snapshotState(decodedToken(token), Date.now(), db);
  if (state === "unknown") return gonePage(404, locale, t("snapshot.link.title"), t("snapshot.link.unknown"));
  if (state === "expired") return gonePage(410, locale, t("snapshot.link.title"), t("snapshot.link.expired"));
  return null;
}

/** Tokens are `[A-Za-z0-9_-]`: one that does not even decode (`%E0%A4%A`) is simply unknown. */
function decodedToken(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}

/** Next fails (500) reading a route's params whose segment does not decode: such a token is simply unknown. */
function undecodableToken(path: string): NextResponse | null {
  const raw = path.slice("/api/s/".length);
  if (decodedToken(raw) !== "" || raw === "") return null;
  return errorResponse(errors.noSuchSnapshot()) as NextResponse;
}

function plainText(status: number, locale: Locale, text: string, retryAfterSeconds: number): NextResponse {
  return new NextResponse(text, {
    status,
    headers: { "retry-after": String(retryAfterSeconds), "content-type": "text/plain; charset=utf-8", "content-language": locale },
  });
}

/** The page for a link that is gone; its words come from the catalogue (no user text in them, so nothing to escape). */
function gonePage(status: number, locale: Locale, title: string, message: string): NextResponse {
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${title}</h1><p>${message}</p></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "content-language": locale } });
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
