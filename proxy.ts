import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, SECURITY_HEADERS, SNAPSHOT_HEADERS } from "@/server/http/security-headers";

/**
 * Security headers and a per-request CSP nonce for every response. This is not where access is
 * decided: every route handler and page checks the session itself.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
  const path = request.nextUrl.pathname;
  if (path.startsWith("/s/") || path.startsWith("/api/s/")) {
    for (const [k, v] of Object.entries(SNAPSHOT_HEADERS)) response.headers.set(k, v);
  }
  (globalThis as Record<string, unknown>).__proxySawRuntime = !!(globalThis as Record<string, unknown>).__twscope;
  response.headers.set("x-debug-runtime", String(!!(globalThis as Record<string, unknown>).__twscope));
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
