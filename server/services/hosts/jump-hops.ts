import "server-only";
import { MAX_JUMP_HOPS } from "@/lib/host/jump-chain";
import { formatJumpHop, type JumpHop } from "@/lib/host/jump-spec";
import { msg, type StoredText } from "@/lib/i18n/message";
import type { HostRecord } from "../../db/hosts";

/** Why a hop cannot be resolved: `hostForms.jumpReasons.*`, shared by the OpenSSH config and inventory imports. */
const reason = (key: string, values?: Record<string, string | number>) => msg(`hostForms.jumpReasons.${key}`, values);

/** A twscope host an import resolved a hop to: one that exists, or one the import adds (no id before it is applied). */
export interface HopHost {
  id: number | null;
  name: string;
  /** The host it is reached through, by name; null: directly. */
  through: string | null;
  /** How many jump hosts away it is. */
  hops: number;
}

/** A host of twscope as a hop. */
export function hopHostOf(host: HostRecord): HopHost {
  let hops = 0;
  for (let j = host.jump; j; j = j.jump) hops++;
  return { id: host.id, name: host.name, through: host.jump?.name ?? null, hops };
}

/**
 * A hop resolved to a host, or why it cannot be (listed by the import, never worked around): a message,
 * or a validation's text already said in the caller's language.
 */
export type HopOutcome = HopHost | { cannot: StoredText };

/**
 * Resolves one hop: `through` is the host before it in the chain (undefined for the first hop, which is
 * reached however its own host is), so a host an import creates for the hop can be given that jump host.
 */
export type HopResolver = (hop: JumpHop, through: HopHost | undefined) => Promise<HopOutcome>;

/**
 * The jump host of a host imported with ProxyJump `hops` (the first connected to first, as ssh visits them):
 * each hop's twscope host, every one after the first reached through the one before it, as ssh reaches it.
 */
export async function jumpHostOfHops(hops: JumpHop[], resolve: HopResolver): Promise<HopOutcome | null> {
  let through: HopHost | undefined;
  for (const hop of hops) {
    const found = await resolve(hop, through);
    if ("cannot" in found) return found;
    if (through && found.through !== through.name) {
      const names = { name: found.name, expected: through.name };
      return { cannot: found.through ? reason("reachedThrough", { ...names, actual: found.through }) : reason("reachedDirectly", names) };
    }
    through = found;
  }
  if (through && through.hops + 1 > MAX_JUMP_HOPS) {
    return { cannot: reason("tooFar", { hops: through.hops + 1, max: MAX_JUMP_HOPS }) };
  }
  return through ?? null;
}

/**
 * Plans each host of an import once, by name, with `work`, and says each that cannot be imported to
 * `onCannot`. `asHop` is such a host as another's jump host: its outcome, a loop when its own jump
 * hosts are still being planned, or "skipped too" when it cannot be imported.
 */
export function importPlanner<T>(
  nameOf: (item: T) => string,
  work: (item: T, through: HopHost | undefined) => Promise<HopOutcome>,
  onCannot: (name: string, reason: StoredText) => void,
) {
  const done = new Map<string, HopOutcome>();
  const pending = new Set<string>();
  const plan = async (item: T, through?: HopHost): Promise<HopOutcome> => {
    const name = nameOf(item);
    const known = done.get(name);
    if (known) return known;
    pending.add(name);
    const outcome = await work(item, through);
    pending.delete(name);
    if ("cannot" in outcome) onCannot(name, outcome.cannot);
    done.set(name, outcome);
    return outcome;
  };
  const asHop = async (item: T, through: HopHost | undefined): Promise<HopOutcome> => {
    const name = nameOf(item);
    if (pending.has(name)) return { cannot: reason("loopsBack", { name }) };
    const outcome = await plan(item, through);
    return "cannot" in outcome ? { cannot: reason("skippedToo", { name }) } : outcome;
  };
  return { plan, asHop };
}

/**
 * The existing SSH host of twscope a hop names: by name, else by address with the hop's port (22 when it
 * gives none) and user when it gives one. Several matching by address are not guessed between.
 */
export function existingHostFor(hosts: HostRecord[], hop: JumpHop): HopOutcome | null {
  const ssh = hosts.filter((h) => h.transport === "ssh");
  const byName = ssh.find((h) => h.name === hop.host);
  if (byName) return hopHostOf(byName);
  const byAddress = ssh.filter((h) => h.address === hop.host && h.port === (hop.port ?? 22) && (!hop.user || h.username === hop.user));
  if (byAddress.length > 1)
    return { cannot: reason("ambiguous", { names: byAddress.map((h) => h.name).join(", "), hop: formatJumpHop(hop) }) };
  return byAddress[0] ? hopHostOf(byAddress[0]) : null;
}
