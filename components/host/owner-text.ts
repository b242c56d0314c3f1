import { useTranslations } from "next-intl";
import type { SocketOwner, SocketOwners, SocketProcess } from "@/lib/types";

/**
 * The processes behind a TIME_WAIT group in the reader's language: the words of lib/sample/owners.ts
 * (which the advisor's evidence uses), taken from the `host.owners` catalogue.
 */
export type OwnersText = ReturnType<typeof useTranslations<"host.owners">>;

type Users = SocketOwners["users"];

/** `user www-data`, or `uid 1000` when the host's passwd file does not name it. */
function accountOf(t: OwnersText, users: Users, uid: number | null): string | null {
  if (uid === null) return null;
  return users[uid] ? t("user", { name: users[uid] }) : t("uid", { uid });
}

/** `nginx (pid 812, user www-data)`. */
function processName(t: OwnersText, users: Users, p: SocketProcess): string {
  const account = accountOf(t, users, p.uid);
  return account ? t("processOf", { command: p.command, pid: p.pid, account }) : t("process", { command: p.command, pid: p.pid });
}

/** `nginx (pid 812, user root) and 3 more processes`; the processes' names when they differ. */
export function processListText(t: OwnersText, users: Users, owner: SocketOwner): string {
  const [first, ...rest] = owner.shown;
  if (!first) return "";
  const others = rest.filter((p) => p.command !== first.command).map((p) => processName(t, users, p));
  const more = (owner.processes ?? owner.shown.length) - 1 - others.length;
  const list = [processName(t, users, first), ...others].join(t("listSeparator"));
  return more > 0 ? t("andMore", { list, more }) : list;
}

/** What root could not read: a process behind a boundary such as a container's or a sandbox's. */
export const hiddenAsRootText = (t: OwnersText, count: number) => t("hiddenAsRoot", { count });

/** Why no process is named for an owner whose sockets exist: the account's view, or a socket gone in between. */
export function unknownReasonText(t: OwnersText, owners: SocketOwners, owner: SocketOwner): string {
  if (owners.hiddenProcesses === 0) return t("closedInBetween");
  const reason = owners.asRoot
    ? hiddenAsRootText(t, owners.hiddenProcesses ?? 0)
    : t("hiddenFromAccount", { count: owners.hiddenProcesses ?? 0, hint: t("privilegeHint") });
  const account = accountOf(t, owners.users, owner.uid);
  return account ? t("belongsTo", { account, reason }) : reason;
}
