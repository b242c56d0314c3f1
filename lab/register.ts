import "server-only";
import { hostCreateSchema } from "@/lib/schemas";
import { listHosts } from "@/server/db/hosts";
import { getContext, closeContext } from "@/server/context";
import { createHost, removeHost } from "@/server/services/hosts/hosts";
import { LAB_USER, type LabHost } from "./state";

export const LAB_TAG = "lab";

/**
 * Registers lab hosts through twscope's own host service (the one behind POST /api/hosts), in the
 * data directory the dashboard uses, with each host key pinned: the lab made the keys itself.
 */
export function registerHosts(hosts: LabHost[], monitorKey: string): void {
  for (const h of hosts) {
    const input = hostCreateSchema.parse({
      name: h.name, address: h.address, port: 22, username: LAB_USER, authMethod: "key", keyPath: monitorKey,
      tags: [LAB_TAG, h.kind], hostKeyFingerprint: h.fingerprint,
    });
    h.twscopeId = createHost(getContext(), input, "lab").id;
  }
}

/** Removes every host tagged `lab` from twscope, with its history. */
export function unregisterLabHosts(): number {
  const lab = listHosts(getContext().db).filter((h) => h.tags.includes(LAB_TAG));
  for (const h of lab) removeHost(getContext(), h.id, "lab");
  return lab.length;
}

export { closeContext as closeTwscope };
