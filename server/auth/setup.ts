import "server-only";
import crypto from "node:crypto";
import type { Db } from "../db/open-database";
import { countUsers } from "../db/users";
import { randomToken } from "./tokens";

const holder = globalThis as typeof globalThis & { __twscopeSetupToken?: string };

/**
 * The one-time setup token a first start prints when there is no user yet (as Jupyter prints its
 * token URL). It lives only in this process's memory and dies with the first admin.
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  holder.__twscopeSetupToken ??= randomToken();
  return holder.__twscopeSetupToken;
}

export async function setupOpen(db: Db): Promise<boolean> {
  return !!holder.__twscopeSetupToken && (await countUsers(db)) === 0;
}

export async function setupTokenMatches(db: Db, token: string): Promise<boolean> {
  const expected = holder.__twscopeSetupToken;
  if (!expected || (await countUsers(db)) > 0) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function closeSetup(): void {
  holder.__twscopeSetupToken = undefined;
}

/**
 * What a setup link leads to: the form while it is valid, or why not. Once any user exists the
 * one-time link has been spent (the token dies with the first admin); "wrong" is a token that
 * never matched, such as one printed before the server restarted.
 */
export async function setupLinkState(db: Db, token: string): Promise<"open" | "used" | "wrong"> {
  if ((await countUsers(db)) > 0) return "used";
  return (await setupTokenMatches(db, token)) ? "open" : "wrong";
}
