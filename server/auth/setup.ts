import "server-only";
import type { Db } from "../db/db";
import { countUsers } from "../db/users";
import { hashToken, randomToken } from "./tokens";

/** Each setup token is a setting `setup-token:<its SHA-256>`; the token itself is only in the printed link. */
const PREFIX = "setup-token:";
const settingOf = (token: string) => PREFIX + hashToken(token);
const ALL_TOKENS = `key LIKE '${PREFIX}%'`;

/**
 * The one-time setup token a start prints when there is no user yet (as Jupyter prints its token URL).
 * Only its hash is stored, in the database, so the link works on every process of that database. Each
 * start adds a token and leaves the earlier ones valid: whichever link an operator copied, from whichever
 * process's log, works (once), and creating the first admin with any of them ends them all.
 */
export async function issueSetupToken(db: Db, now = Date.now()): Promise<string | null> {
  if ((await countUsers(db)) > 0) {
    await db.run(`DELETE FROM settings WHERE ${ALL_TOKENS}`);
    return null;
  }
  const token = randomToken();
  await db.run("INSERT INTO settings (key, value) VALUES (?, ?)", [settingOf(token), String(now)]);
  return token;
}

export async function setupOpen(db: Db): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  return (await db.get(`SELECT 1 AS yes FROM settings WHERE ${ALL_TOKENS} LIMIT 1`)) !== undefined;
}

/** Found by its hash (one indexed lookup, no comparison of secrets); no token matches once a user exists. */
export async function setupTokenMatches(db: Db, token: string): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  return (await db.get("SELECT 1 AS yes FROM settings WHERE key = ?", [settingOf(token)])) !== undefined;
}

/**
 * Inside the transaction that creates the first admin: deletes every setup token at once and says whether
 * `token` was among them. Two processes spending links at the same moment both try to delete the same rows:
 * the second waits for the first and then finds none left, so exactly one first admin is created.
 */
export async function spendSetupTokens(tx: Db, token: string): Promise<boolean> {
  const spent = await tx.all<{ key: string }>(`DELETE FROM settings WHERE ${ALL_TOKENS} RETURNING key`);
  return spent.some((row) => row.key === settingOf(token));
}

/**
 * What a setup link leads to: the form while it is valid, or why not. Once any user exists the
 * one-time link has been spent (every token dies with the first admin); "wrong" is a token that
 * never matched.
 */
export async function setupLinkState(db: Db, token: string): Promise<"open" | "used" | "wrong"> {
  if ((await countUsers(db)) > 0) return "used";
  return (await setupTokenMatches(db, token)) ? "open" : "wrong";
}
