import "server-only";

/**
 * The peer address of the TCP connection, as `scripts/serve.mjs` recorded it in a header prefixed
 * with a secret of this process. A client cannot forge it; without the twscope server in front
 * (plain `next start`, `next dev`) the address is unknown and nothing is trusted on its basis.
 */
export const PEER_HEADER = "x-twscope-peer";

const holder = globalThis as typeof globalThis & { __twscopePeerSecret?: string };

export function clientAddress(req: { headers: Headers }): string | null {
  const secret = holder.__twscopePeerSecret;
  const value = req.headers.get(PEER_HEADER);
  if (!secret || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== secret) return null;
  return normalizeAddress(value.slice(space + 1));
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
function normalizeAddress(addr: string): string {
  return addr.startsWith("::ffff:") && addr.includes(".") ? addr.slice(7) : addr;
}

/** A key for per-client limits: the peer address, or one shared bucket when it is unknown. */
export function clientKey(req: { headers: Headers }): string {
  return clientAddress(req) ?? "unknown-peer";
}
