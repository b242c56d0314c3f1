import type { RuleContext } from "../context";
import { processList, unknownReason } from "../../sample/owners";
import { n } from "./rule";

/** "the server nginx (pid 812, user root) listens on port 80: …", when the probe looked the listener up. */
export function serverOwnerEvidence(ctx: RuleContext, port: number): string[] {
  const owners = ctx.sample.owners;
  const owner = owners?.byPort[port];
  if (!owners || !owner || owner.processes === null) return [];
  if (owner.processes > 0)
    return [`the server ${processList(owners.users, owner)} listens on port ${port}: it closes these connections first`];
  return [`the server on port ${port} is not named: ${unknownReason(owners, owner)}`];
}

/** "connections to 10.0.0.9:8080 come from python3 (pid 2211, user app): 3 open now", when the probe looked them up. */
export function clientOwnerEvidence(ctx: RuleContext, peer: string): string[] {
  const owners = ctx.sample.owners;
  const owner = owners?.byPeer[peer];
  if (!owners || !owner) return [];
  if (owner.sockets === 0) return [`no connection to ${peer} was open when sampled, so the program that opens them is not named`];
  if (owner.processes === null) return [];
  if (owner.processes > 0) return [`connections to ${peer} come from ${processList(owners.users, owner)}: ${n(owner.sockets)} open now`];
  return [`the client of ${peer} is not named (${n(owner.sockets)} connections open now): ${unknownReason(owners, owner)}`];
}
