import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, SECURITY_HEADERS, SNAPSHOT_HEADERS } from "@/server/http/security-headers";
import { errors } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";
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
  const db = collectorDb();
  const wait = db && (await snapshotRateLimit(db, request).catch(() => null));
  if (db === null || wait === null) return plainText(503, "twscope cannot reach its database; try again shortly.\n", 5);
  if (wait > 0) return plainText(429, "Too many requests for share links; try again shortly.\n", wait);
  const token = request.nextUrl.pathname.match(/^\/s\/([^/]*)\/?$/)?.[1];
  if (token === undefined) return null;
  const state = await snapshotState(decodedToken(token), Date.now(), db);
  if (state === "unknown") return gonePage(404, "This snapshot link does not exist, or it was revoked.");
  if (state === "expired") return gonePage(410, "This snapshot has expired. Ask its creator for a new link.");
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

function plainText(status: number, text: string, retryAfterSeconds: number): NextResponse {
  return new NextResponse(text, { status, headers: { "retry-after": String(retryAfterSeconds), "content-type": "text/plain" } });
}

function gonePage(status: number, message: string): NextResponse {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>twscope snapshot</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">twscope snapshot</h1><p>${message}</p></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
