import "server-only";
import { MAX_JUMP_HOPS } from "@/lib/host/jump-chain";
import * as hosts from "../../db/hosts";
import { errors } from "../../errors";
import type { AppContext } from "../../context";

/** A refusal of the jump host, said at the form's field as well as in the message. */
function refuse(message: string): never {
  throw errors.badRequest(message, [{ path: "jumpHostId", message }]);
}

/**
 * A jump host must be another SSH host of twscope. It may be behind jump hosts of its own (ProxyJump
 * `a,b`), but `self` may not be among them (a loop), and no host, `self` nor any behind it, may end up
 * more than MAX_JUMP_HOPS jump hosts away.
 */
export async function checkJumpHost(db: AppContext["db"], jumpHostId: number | null, self: hosts.HostRecord | null): Promise<void> {
  if (jumpHostId === null) return;
  const jump = await hosts.getHost(db, jumpHostId);
  if (!jump) refuse(`there is no host ${jumpHostId} to go through`);
  if (jump.id === self?.id) refuse(`${jump.name} cannot be its own jump host`);
  if (jump.transport !== "ssh") refuse(`${jump.name} is not reached over SSH, so it cannot be a jump host`);
  const chain = [jump.name];
  for (let j = jump.jump; j; j = j.jump) {
    if (j.id === self?.id) refuse(`${jump.name} is reached through ${self.name}, so ${self.name} cannot go through it: that is a loop`);
    chain.unshift(j.name);
  }
  const below = self ? await hosts.depthBehind(db, self.id) : 0;
  const hops = chain.length + below;
  if (hops > MAX_JUMP_HOPS || (jump.jumpHostId !== null && !jump.jump)) {
    const where = below > 0 ? `the hosts ${below} ${below === 1 ? "hop" : "hops"} behind ${self!.name}` : (self?.name ?? "the host");
    refuse(`through ${chain.join(", ")}, ${where} would be ${hops} jump hosts away; twscope goes through at most ${MAX_JUMP_HOPS}`);
  }
}
