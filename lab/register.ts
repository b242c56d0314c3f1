import "server-only";
import { hostCreateSchema } from "@/lib/schemas";
import { listHosts } from "@/server/db/hosts";
import { loadConfig } from "@/server/config";
import { closeContext, createContext, type AppContext } from "@/server/context";
import { createHost, removeHost } from "@/server/services/hosts/hosts";
import { LAB_USER, type LabHost } from "./state";

const LAB_TAG = "lab";

/**
 * Registers lab hosts through twscope's own host service (the one behind POST /api/hosts), in the
 * data directory the dashboard uses, with each host key pinned: the lab made the keys itself.
 */
export async function registerHosts(ctx: AppContext, hosts: LabHost[], monitorKey: string): Promise<void> {
  // The bastion comes before the hosts behind it, which are registered with it as their jump host.
  const bastion = hosts.find((h) => h.kind === "bastion");
  for (const h of hosts) {
    const input = hostCreateSchema.parse({
      name: h.name,
      address: h.address,
      port: 22,
      username: LAB_USER,
      authMethod: "key",
      keyPath: monitorKey,
      tags: [LAB_TAG, h.kind],
      hostKeyFingerprint: h.fingerprint,
      jumpHostId: h.kind === "behind" ? bastion!.twscopeId : null,
    });
    h.twscopeId = (await createHost(ctx, input, "lab")).id;
  }
}

/** Removes every host tagged `lab` from twscope, with its history: those behind a jump host before it. */
export async function unregisterLabHosts(ctx: AppContext): Promise<number> {
  const lab = (await listHosts(ctx.db)).filter((h) => h.tags.includes(LAB_TAG));
  const depth = (h: (typeof lab)[number]) => {
    let n = 0;
    for (let j = h.jump; j; j = j.jump) n++;
    return n;
  };
  for (const h of lab.sort((a, b) => depth(b) - depth(a))) await removeHost(ctx, h.id, "lab");
  return lab.length;
}

/**
 * Runs `fn` with the twscope context the lab registers its hosts in: the one given (a test's), or
 * one over the data directory the environment names, closed afterwards so the dashboard's own
 * process is the only one holding the database.
 */
export async function withTwscope<T>(given: AppContext | undefined, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  if (given) return fn(given);
  const ctx = await createContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}
