import { inventoryImportSchema, MAX_INVENTORY_CHARS } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { localeOf } from "@/server/i18n/locale";
import { importInventory } from "@/server/services/hosts/inventory-import";

export const dynamic = "force-dynamic";

// The text in JSON: each newline and quote escaped takes two bytes.
const MAX_BODY_BYTES = 2 * MAX_INVENTORY_CHARS + 64 * 1024;

/** Previews (`apply: false`) or applies an Ansible inventory import. */
export const POST = handle("admin", async ({ req, ctx, who }) =>
  importInventory(ctx, await readJson(req, inventoryImportSchema, MAX_BODY_BYTES), who.name, localeOf(req, who)),
);
