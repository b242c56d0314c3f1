import "server-only";
import { MAX_JUMP_HOPS } from "@/lib/host/jump-chain";
import * as hosts from "../../db/hosts";
import { errors } from "../../errors";
import { msg, type Message } from "@/lib/i18n/message";
import type { AppContext } from "../../context";

/** A refusal of the jump host, said at the form's field as well as in the message. */
function refuse(message: Message): never {
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
  if (!jump) refuse(msg("errors.jumpHost.noSuchHost", { id: String(jumpHostId) }));
  if (jump.id === self?.id) refuse(msg("errors.jumpHost.self", { name: jump.name }));
  if (jump.transport !== "ssh") refuse(msg("errors.jumpHost.notSsh", { name: jump.name }));
  const chain = [jump.name];
  for (let j = jump.jump; j; j = j.jump) {
    if (j.id === self?.id) refuse(msg("errors.jumpHost.loop", { jump: jump.name, self: self.name }));
    chain.unshift(j.name);
  }
  const below = self ? await hosts.depthBehind(db, self.id) : 0;
  const hops = chain.length + below;
  if (hops > MAX_JUMP_HOPS || (jump.jumpHostId !== null && !jump.jump)) {
    const where =
      below > 0 ? msg("errors.jumpHost.hostsBehind", { below, name: self!.name }) : (self?.name ?? msg("errors.jumpHost.theHost"));
    refuse(msg("errors.jumpHost.tooFar", { chain: chain.join(", "), where, hops: String(hops), max: String(MAX_JUMP_HOPS) }));
  }
}
