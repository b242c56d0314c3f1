import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Principal } from "@/lib/auth/types";
import { getContext } from "../context";
import { principalOf } from "./session";

/** The signed-in user for a page, or a redirect to the sign-in page that comes back to `path`. */
export async function requirePageUser(path: string): Promise<Principal> {
  const who = await currentUser();
  if (!who) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return who;
}

/** The signed-in user, or null (for pages that show more to users, like the header). Pages are entry points, like route handlers: they use the process's context. */
export async function currentUser(): Promise<Principal | null> {
  return await principalOf(await getContext(), { headers: await headers() });
}
