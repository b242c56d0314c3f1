import "server-only";
import type { Principal, Role } from "@/lib/auth/types";
import { AppError } from "../errors";
import { getRuntime } from "../context";
import { principalOf } from "./session";

/** What a route needs: nothing, any signed-in user, or an admin. */
export type Access = "public" | Role;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const unauthenticated = () => new AppError(401, "unauthenticated", "sign in first");
export const forbidden = () => new AppError(403, "forbidden", "this needs the admin role");

/** The caller, checked against `access`; throws 401 or 403. Every route handler calls this itself. */
export function authorize(req: Request, access: Access): Principal | null {
  if (!SAFE_METHODS.has(req.method)) checkSameOrigin(req);
  if (access === "public") return principalOf(req);
  const who = principalOf(req);
  if (!who) throw unauthenticated();
  if (access === "admin" && who.role !== "admin") throw forbidden();
  return who;
}

/**
 * Refuses state-changing requests a browser sent from another site: `Sec-Fetch-Site` other than
 * same-origin, an `Origin` of `null`, or an `Origin` that is neither this server nor TWSCOPE_PUBLIC_URL.
 * Requests with neither header (curl, scripts) carry no ambient browser credentials to abuse.
 */
export function checkSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite(`Sec-Fetch-Site: ${site}`);
  const origin = req.headers.get("origin");
  if (origin === null) return;
  if (origin === "null") throw crossSite("Origin: null");
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw crossSite("a malformed Origin");
  }
  const own = req.headers.get("host");
  if (host === own || origin === new URL(getRuntime().config.publicUrl).origin) return;
  throw crossSite(`Origin: ${origin}`);
}

const crossSite = (what: string) => new AppError(403, "cross_site", `cross-site request refused (${what})`);
