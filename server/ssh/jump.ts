import "server-only";
import type { Duplex } from "node:stream";
import type { Client } from "ssh2";
import { PollFailure, pollError } from "../poll/poll-failure";
import type { JumpTarget } from "./connect";

/**
 * Opens a channel from a jump host to `address:port` (what `ssh -J` asks the jump host for: a
 * direct-tcpip channel), over the jump host's own authenticated connection. Refused channels
 * (AllowTcpForwarding no, PermitOpen, nothing listening) fail naming the jump host and the reason.
 */
export function tunnelThrough(jumpClient: Client, jump: JumpTarget, address: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jumpClient.forwardOut("127.0.0.1", 0, address, port, (err, stream) => {
      if (err)
        reject(
          new PollFailure(
            "unreachable",
            pollError("channelRefused", { jump: jump.name, target: `${address}:${port}`, detail: err.message }),
          ),
        );
      else {
        // ssh2 keeps the channel half open after the jump host's EOF (the host went away), and the SSH
        // connection over it would then never close: end our side too, so both close and are evicted.
        stream.once("end", () => stream.end());
        resolve(stream);
      }
    });
  });
}

/** A failure to reach or log in to the jump host, said as the host behind it failing through it. */
export function throughJump(jump: JumpTarget, err: unknown): PollFailure {
  const why = err instanceof Error ? err.message : String(err);
  const status = err instanceof PollFailure && err.status === "timeout" ? "timeout" : "unreachable";
  return new PollFailure(status, pollError("throughJump", { jump: jump.name, reason: why }));
}
