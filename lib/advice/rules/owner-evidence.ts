import type { SocketOwner, SocketOwners, SocketProcess } from "../../types";
import type { Message, MessageValue } from "../../i18n/message";
import type { RuleContext } from "../context";
import { int, say } from "./rule";

type Users = SocketOwners["users"];

/** `user www-data`, or `uid 1000` when the host's passwd file does not name it. */
function accountOf(users: Users, uid: number | null): Message | null {
  if (uid === null) return null;
  return users[uid] ? say("owner.user", { name: users[uid] }) : say("owner.uid", { uid });
}

/** `nginx (pid 812, user www-data)`. */
function processName(users: Users, p: SocketProcess): Message {
  const account = accountOf(users, p.uid);
  return account
    ? say("owner.processWithAccount", { command: p.command, pid: p.pid, account })
    : say("owner.process", { command: p.command, pid: p.pid });
}

/** `nginx (pid 812, user root) and 3 more processes`; the processes' names when they differ (as lib/sample/owners.ts's processList). */
function processList(users: Users, owner: SocketOwner): MessageValue {
  const [first, ...rest] = owner.shown;
  if (!first) return "";
  const named = [first, ...rest.filter((p) => p.command !== first.command)].map((p) => processName(users, p));
  const more = (owner.processes ?? owner.shown.length) - named.length;
  const list = named.slice(1).reduce<MessageValue>((acc, p) => say("phrase.commaPair", { first: acc, second: p }), named[0]!);
  return more > 0 ? say("owner.andMore", { list, more }) : list;
}

/** Why no process is named for an owner whose sockets exist (as lib/sample/owners.ts's unknownReason). */
function unknownReason(owners: SocketOwners, owner: SocketOwner): Message {
  const account = accountOf(owners.users, owner.uid);
  if (owners.hiddenProcesses === 0) return say("owner.closedInBetween");
  const why = owners.asRoot
    ? say("owner.hiddenAsRoot", { count: owners.hiddenProcesses ?? 0 })
    : say("owner.otherAccounts", { count: owners.hiddenProcesses ?? 0 });
  return account ? say("owner.belongsTo", { account, why }) : why;
}

/** "the server nginx (pid 812, user root) listens on port 80: …", when the probe looked the listener up. */
export function serverOwnerEvidence(ctx: RuleContext, port: number): Message[] {
  const owners = ctx.sample.owners;
  const owner = owners?.byPort[port];
  if (!owners || !owner || owner.processes === null) return [];
  if (owner.processes > 0) return [say("owner.serverNamed", { processes: processList(owners.users, owner), port })];
  return [say("owner.serverUnnamed", { port, why: unknownReason(owners, owner) })];
}

/** "connections to 10.0.0.9:8080 come from python3 (pid 2211, user app): 3 open now", when the probe looked them up. */
export function clientOwnerEvidence(ctx: RuleContext, peer: string): Message[] {
  const owners = ctx.sample.owners;
  const owner = owners?.byPeer[peer];
  if (!owners || !owner) return [];
  if (owner.sockets === 0) return [say("owner.clientNoneOpen", { peer })];
  if (owner.processes === null) return [];
  if (owner.processes > 0)
    return [say("owner.clientNamed", { peer, processes: processList(owners.users, owner), sockets: int(owner.sockets) })];
  return [say("owner.clientUnnamed", { peer, sockets: int(owner.sockets), why: unknownReason(owners, owner) })];
}
