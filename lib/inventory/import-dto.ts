import type { StoredText } from "../i18n/message";
import type { NotApplied } from "./connection-vars";
import type { InventoryProblem } from "./inventory-tree";

/** A host as an inventory import adds or updates it. */
export interface InventoryHostPlan {
  name: string;
  address: string;
  port: number;
  username: string;
  authMethod: "key" | "agent" | "stored";
  keyPath: string | null;
  tags: string[];
  /** The host it is reached through (`-J`), by name: a host of twscope or one this import adds first; null: directly. */
  jumpHost: string | null;
  /** Variables the inventory sets for the host that twscope does not apply, with why. */
  notApplied: NotApplied[];
}

/** One field an import changes on an existing host. */
export interface FieldChange {
  field: "address" | "port" | "username" | "authMethod" | "keyPath" | "tags" | "jumpHost";
  from: string;
  to: string;
}

/**
 * What importing an Ansible inventory does (`applied: false`, a preview) or did: the hosts it adds,
 * the ones it added before and now changes or leaves as they are, the ones it added before that the
 * inventory no longer lists (removed only when asked), and everything it left out, with why.
 */
export interface InventoryImportDto {
  /** `inventory:<name>`: what the hosts it adds are marked with, so the next import of it updates them. */
  source: string;
  format: "ini" | "yaml";
  applied: boolean;
  added: (InventoryHostPlan & { id: number | null })[];
  changed: (InventoryHostPlan & { id: number; changes: FieldChange[] })[];
  unchanged: { id: number; name: string }[];
  gone: { id: number; name: string; removed: boolean }[];
  skipped: { name: string; reason: StoredText }[];
  problems: InventoryProblem[];
  /** Hosts to fix before they can be polled, e.g. a key file that is not on the twscope server. */
  warnings: { name: string; message: StoredText }[];
}

/**
 * Where twscope connects for a planned host, as the preview says it: `user@address:port`, and `through jump`
 * when it has one (`through` says that in the reader's language).
 */
export function connectsAs(
  h: Pick<InventoryHostPlan, "username" | "address" | "port" | "jumpHost">,
  through: (login: string, jump: string) => string = (login, jump) => `${login} through ${jump}`,
): string {
  const login = `${h.username}@${h.address}:${h.port}`;
  return h.jumpHost ? through(login, h.jumpHost) : login;
}
