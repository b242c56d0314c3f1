import "server-only";
import type { Principal, UserDto } from "@/lib/auth/types";
import * as users from "../db/users";
import { errors } from "../errors";
import type { AppContext } from "../context";
import { clientAddress } from "./client-address";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { passwordGuardOf } from "./password-guard";
import { hashToken, randomToken } from "./tokens";

const SESSION_COOKIE = "twscope_session";

type HasHeaders = { headers: { get(name: string): string | null } };

function cookieValue(req: HasHeaders, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodedOrNull(part.slice(eq + 1).trim());
  }
  return null;
}

/** A cookie another site planted with broken percent-encoding (`twscope_session=%`) is no cookie, not an error. */
function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Who makes the request, or null: a trusted proxy's header first (when configured), then the session cookie. */
export async function principalOf({ db, config }: AppContext, req: HasHeaders): Promise<Principal | null> {
  const proxy = config.authProxy;
  if (proxy) {
    const peer = clientAddress(req as { headers: Headers });
    const named = req.headers.get(proxy.header)?.trim();
    if (peer && proxy.addresses.includes(peer) && named) {
      const known = await users.getUserByName(db, named);
      return {
        userId: known?.id ?? null,
        name: known?.name ?? named.slice(0, 100),
        role: known?.role ?? "viewer",
        via: "proxy",
        language: known?.language ?? null,
      };
    }
  }
  const token = cookieValue(req, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const user = await users.userOfSession(db, hashToken(token), config.session);
  return user ? { userId: user.id, name: user.name, role: user.role, via: "session", language: user.language } : null;
}

/** Checks a password and opens a session; the token goes only into the cookie. */
export async function signIn(
  { db, config }: AppContext,
  name: string,
  password: string,
  req: HasHeaders,
): Promise<{ user: UserDto; token: string }> {
  const user = await users.getUserByName(db, name);
  const ok = await passwordGuardOf(db).verify({
    address: clientAddress(req as { headers: Headers }),
    account: name,
    check: () => (user ? verifyPassword(password, user.passwordHash) : burnPasswordCheck(password)),
  });
  if (!user || !ok) throw errors.badCredentials();
  const token = randomToken();
  await users.insertSession(db, hashToken(token), user.id, config.session);
  const { passwordHash: _hidden, ...dto } = user;
  return { user: dto, token };
}

export async function signOut({ db }: AppContext, req: HasHeaders): Promise<void> {
  const token = cookieValue(req, SESSION_COOKIE);
  if (token) await users.deleteSession(db, hashToken(token));
}

/** HttpOnly, SameSite=Lax, Path=/, and Secure when the dashboard is served over https. */
export function sessionCookie({ config }: AppContext, token: string, req: { url: string }, maxAgeSeconds?: number): string {
  const secure = config.publicUrl.startsWith("https:") || new URL(req.url).protocol === "https:";
  const age = maxAgeSeconds ?? Math.floor(config.session.maxMs / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${age}${secure ? "; Secure" : ""}`;
}

export const clearedSessionCookie = (ctx: AppContext, req: { url: string }) => sessionCookie(ctx, "", req, 0);
