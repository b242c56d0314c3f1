import "server-only";
import { connectSsh, type ConnectOptions, type SshConnection, type SshTarget } from "./connect";

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

    const connection = connectSsh(target, this.options);
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
