import "server-only";
import { parseJumpSpec, type JumpHop } from "@/lib/host/jump-spec";
import { msg, type StoredText } from "@/lib/i18n/message";
import type { InventoryHost } from "@/lib/inventory/read-inventory";
import type { HostRecord } from "../../db/hosts";
import { existingHostFor, importPlanner, jumpHostOfHops, type HopHost, type HopOutcome } from "./jump-hops";

/** Plans one inventory host reached through `jump` (null: directly), adding it to the import's result. */
type PlanHost = (host: InventoryHost, jump: HopHost | null) => Promise<HopOutcome>;

/**
 * Plans inventory hosts with their `-J` jump hosts first. A hop is a host of the inventory (by name, else
 * by ansible_host and port), else an existing twscope host (by name, or address, port and user), else a
 * host the import adds for it. Each host is planned once; a chain that comes back to a host is refused.
 */
export function jumpPlanner(
  existing: HostRecord[],
  listed: InventoryHost[],
  /** The hosts this inventory added before: a hop naming one plans it again, so it is not taken for gone. */
  own: Set<string>,
  planHost: PlanHost,
  onSkip: (skipped: { name: string; reason: StoredText }) => void,
) {
  const { plan, asHop: viaInventory } = importPlanner(
    (host: InventoryHost) => host.name,
    (host, implied) => planWithJump(host, implied),
    (name, reason) => onSkip({ name, reason }),
  );

  const planWithJump = async (host: InventoryHost, implied: HopHost | undefined): Promise<HopOutcome> => {
    const hops = host.jump === null ? [] : parseJumpSpec(host.jump);
    if (hops === null) return { cannot: msg("inventory.reasons.unreadableJump", { jump: host.jump! }) };
    // A hop without a -J of its own is reached as the chain naming it reaches it.
    const jump = hops.length > 0 ? await jumpHostOfHops(hops, hopHost) : (implied ?? null);
    if (jump && "cannot" in jump) return { cannot: msg("inventory.reasons.throughJump", { jump: host.jump!, reason: jump.cannot }) };
    return planHost(host, jump);
  };

  const hopHost = async (hop: JumpHop, through: HopHost | undefined): Promise<HopOutcome> => {
    const named = listed.find((h) => h.name === hop.host);
    if (named) return viaInventory(named, through);
    const added = {
      name: hop.host,
      address: hop.host,
      port: hop.port,
      user: hop.user,
      keyFile: null,
      jump: null,
      groups: [],
      notApplied: [],
    };
    if (own.has(hop.host)) return viaInventory(added, through);
    const found = existingHostFor(existing, hop);
    if (found) return found;
    const addressed = listed.find((h) => h.address === hop.host && (h.port ?? 22) === (hop.port ?? 22));
    return viaInventory(addressed ?? added, through);
  };

  return plan;
}
