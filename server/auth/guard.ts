import "server-only";
import type { Principal, Role } from "@/lib/auth/types";
import type { AppContext } from "../context";
import { errors } from "../errors";
import { msg } from "@/lib/i18n/message";
import { principalOf } from "./session";

/** What a route needs: nothing, any signed-in user, or an admin. */
export type Access = "public" | Role;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The caller, checked against `access`; throws 401 or 403. Every route handler calls this itself. */
export async function authorize(ctx: AppContext, req: Request, access: Access): Promise<Principal | null> {
  if (!SAFE_METHODS.has(req.method)) checkSameOrigin(ctx, req);
  if (access === "public") return principalOf(ctx, req);
  const who = await principalOf(ctx, req);
  if (!who) throw errors.unauthenticated();
  if (access === "admin" && who.role !== "admin") throw errors.forbidden();
  return who;
}

/**
 * Refuses state-changing requests a browser sent from another site: `Sec-Fetch-Site` other than
 * same-origin, an `Origin` of `null`, or an `Origin` that is neither this server nor TWSCOPE_PUBLIC_URL.
 * Requests with neither header (curl, scripts) carry no ambient browser credentials to abuse.
 */
function checkSameOrigin(ctx: Pick<AppContext, "config">, req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw errors.crossSite(`Sec-Fetch-Site: ${site}`);
  const origin = req.headers.get("origin");
  if (origin === null) return;
  if (origin === "null") throw errors.crossSite("Origin: null");
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw errors.crossSite(msg("errors.malformedOrigin"));
  }
  const own = req.headers.get("host");
  if (host === own || origin === new URL(ctx.config.publicUrl).origin) return;
  throw errors.crossSite(`Origin: ${origin}`);
}
