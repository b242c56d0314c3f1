import type { SocketOwners } from "../types";

/** Account names by uid, from the host's passwd file. */
type Users = SocketOwners["users"];

/** The account's name on the host, else `uid N`; null when unknown. */
export function userName(users: Users, uid: number | null): string | null {
  if (uid === null) return null;
  return users[uid] ?? `uid ${uid}`;
}
