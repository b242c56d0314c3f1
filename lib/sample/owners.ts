import type { SocketOwner, SocketOwners, SocketProcess } from "../types";

/** Where the README says how to let the probe see every process. */
export const OWNER_PRIVILEGE_HINT = 'root, or the probe\'s sudo rule (README, "Which process")';

/** Account names by uid, from the host's passwd file. */
type Users = SocketOwners["users"];

/** The account's name on the host, else `uid N`; null when unknown. */
export function userName(users: Users, uid: number | null): string | null {
  if (uid === null) return null;
  return users[uid] ?? `uid ${uid}`;
}

/** `user www-data`, or `uid 1000` when the host's passwd file does not name it. */
function accountOf(users: Users, uid: number | null): string | null {
  if (uid === null) return null;
  return users[uid] ? `user ${users[uid]}` : `uid ${uid}`;
}

/** `nginx (pid 812, user www-data)`. */
function processName(users: Users, p: SocketProcess): string {
  const account = accountOf(users, p.uid);
  return `${p.command} (pid ${p.pid}${account ? `, ${account}` : ""})`;
}

/** `nginx (pid 812, user root) and 3 more processes`; the processes' names when they differ. */
export function processList(users: Users, owner: SocketOwner): string {
  const [first, ...rest] = owner.shown;
  if (!first) return "";
  const others = rest.filter((p) => p.command !== first.command).map((p) => processName(users, p));
  const more = (owner.processes ?? owner.shown.length) - 1 - others.length;
  return [processName(users, first), ...others].join(", ") + (more > 0 ? ` and ${more} more process${more === 1 ? "" : "es"}` : "");
}

/** What root could not read: a process behind a boundary such as a container's or a sandbox's. */
export function hiddenAsRoot(count: number): string {
  return `even as root the probe could not read the open files of ${count} process${count === 1 ? "" : "es"} (behind a boundary such as a container's or a sandbox's)`;
}

/** Why no process is named for an owner whose sockets exist: the account's view, or a socket gone in between. */
export function unknownReason(owners: SocketOwners, owner: SocketOwner): string {
  const account = accountOf(owners.users, owner.uid);
  if (owners.hiddenProcesses === 0) return "no process held it by the time the probe looked (it closed in between)";
  if (owners.asRoot) return `${account ? `it belongs to ${account}, and ` : ""}${hiddenAsRoot(owners.hiddenProcesses ?? 0)}`;
  return `${account ? `it belongs to ${account}, and ` : ""}the probe's account cannot look into ${owners.hiddenProcesses} processes of other accounts; ${OWNER_PRIVILEGE_HINT} would name it`;
}
