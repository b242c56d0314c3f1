import "server-only";
import crypto from "node:crypto";

const weight = (hostId: number, collectorId: string) =>
  crypto.createHash("sha1").update(`${hostId}/${collectorId}`).digest().readUInt32BE(0);

/**
 * The collector that should poll a host, by rendezvous hashing: each (host, collector) pair gets a pseudo-random
 * weight and the heaviest collector wins. Every process computes the same answer from the same list; a collector
 * that joins takes about 1/n of the hosts (from each of the others alike) and one that leaves hands its hosts to
 * the rest spread evenly, while every other host stays where it is.
 */
export function ownerOf(hostId: number, collectorIds: readonly string[]): string | null {
  let best: string | null = null;
  let bestWeight = -1;
  for (const id of collectorIds) {
    const w = weight(hostId, id);
    if (w > bestWeight || (w === bestWeight && best !== null && id < best)) {
      best = id;
      bestWeight = w;
    }
  }
  return best;
}
