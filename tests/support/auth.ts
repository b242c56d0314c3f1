import type { Role } from "@/lib/auth/types";
import { hashPassword } from "@/server/auth/passwords";
import { hashToken, randomToken } from "@/server/auth/tokens";
import { getUserByName, insertSession, insertUser } from "@/server/db/users";
import type { AppContext } from "@/server/context";

/**
 * For tests that call route handlers in-process: a user of `role` (created once per name) with a
 * fresh session in the context's database, and the Cookie header that carries it.
 */
export async function sessionCookieFor({ db, config }: AppContext, role: Role, name = `test-${role}`): Promise<string> {
  const user = (await getUserByName(db, name)) ?? (await insertUser(db, name, role, await hashPassword(randomToken(12))));
  const token = randomToken();
  await insertSession(db, hashToken(token), user.id, config.session);
  return `twscope_session=${token}`;
}

/** A Request as a same-origin browser would send it, signed in through `cookie`. */
export function request(
  url: string,
  init: { method?: string; body?: string | object; cookie?: string; headers?: Record<string, string> } = {},
): Request {
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  const headers: Record<string, string> = { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  return new Request(url, { method: init.method ?? (body !== undefined ? "POST" : "GET"), body, headers });
}
