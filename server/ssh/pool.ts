import "server-only";
import type { Duplex } from "node:stream";
import { PollFailure } from "../poll/poll-failure";
import { connectSsh, type ConnectOptions, type JumpTarget, type SshConnection, type SshTarget } from "./connect";
import { throughJump, tunnelThrough } from "./jump";

interface PoolEntry {
  identity: string;
  connection: Promise<SshConnection>;
}

/**
 * One SSH connection per host, reused across polls: a poll over a fresh TCP connection would itself
 * leave TIME_WAIT behind. Concurrent callers share the in-flight connect; a connection that errors
 * or closes is evicted, as is one whose target settings changed.
 */
export class SshPool {
  private readonly entries = new Map<number, PoolEntry>();

  constructor(private readonly options: ConnectOptions) {}

  acquire(hostId: number, target: SshTarget): Promise<SshConnection> {
    const identity = JSON.stringify(target);
    const existing = this.entries.get(hostId);
    if (existing && existing.identity === identity) return existing.connection;
    if (existing) this.evict(hostId);

    const connection = this.open(target);
    const entry: PoolEntry = { identity, connection };
    this.entries.set(hostId, entry);
    connection.then(
      ({ client }) => {
        const drop = () => this.entries.get(hostId) === entry && this.entries.delete(hostId);
        client.on("close", drop);
        client.on("error", drop);
      },
      () => this.entries.get(hostId) === entry && this.entries.delete(hostId),
    );
    return connection;
  }

  /**
   * A direct connection, or one through the jump host: the jump host's own pooled connection (so every
   * host behind it shares one login to it), a channel from it to the host, and SSH over that channel.
   * A jump host behind another is reached the same way, so a chain reuses each hop's connection.
   */
  private async open(target: SshTarget): Promise<SshConnection> {
    const { jump, refusal, ...direct } = target;
    if (refusal) throw new PollFailure("unreachable", refusal);
    if (!jump) return connectSsh(direct, this.options);
    const sock = await this.channelThrough(jump, target.address, target.port);
    return connectSsh(direct, { ...this.options, sock });
  }

  /** A channel to `address:port` opened by the jump host, over its pooled connection (reached through its own chain). */
  async channelThrough(jump: JumpTarget, address: string, port: number): Promise<Duplex> {
    let via: SshConnection;
    try {
      const { hostId, name: _name, ...jumpTarget } = jump;
      via = await this.acquire(hostId, jumpTarget);
    } catch (err) {
      throw throughJump(jump, err);
    }
    return tunnelThrough(via.client, jump, address, port);
  }

  /** Closes and forgets a host's connection, e.g. after a failed exec or a host edit. */
  evict(hostId: number): void {
    const entry = this.entries.get(hostId);
    if (!entry) return;
    this.entries.delete(hostId);
    entry.connection.then(
      ({ client }) => client.end(),
      () => {},
    );
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.evict(id);
  }
}
