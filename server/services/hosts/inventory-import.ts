import "server-only";
import fs from "node:fs";
import type { FieldChange, InventoryHostPlan, InventoryImportDto } from "@/lib/inventory/import-dto";
import { readInventory, type InventoryHost } from "@/lib/inventory/read-inventory";
import { hostCreateSchema, inventoryImportSchema, MAX_TAGS, tagSchema, type InventoryImportInput } from "@/lib/schemas";
import { recordAudit } from "../../db/audit";
import { requestPollOf } from "../../db/change-markers";
import * as hosts from "../../db/hosts";
import type { AppContext } from "../../context";
import { errors } from "../../errors";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { msg, type StoredText } from "@/lib/i18n/message";
import { renderTextsIn } from "../../i18n/render-texts";
import { translatorFor } from "../../i18n/translator";
import { zodParseOptions } from "../../i18n/zod-messages";
import { expandHome } from "./expand-home";
import { askForPoll } from "./ask-poll";
import { hopHostOf, type HopHost, type HopOutcome } from "./jump-hops";
import { checkJumpHost } from "./jump-host-check";
import { jumpPlanner } from "./inventory-jumps";

const COMPARED: FieldChange["field"][] = ["address", "port", "username", "authMethod", "keyPath", "tags", "jumpHost"];

/**
 * Imports an Ansible inventory: previews (`apply: false`, the default) or applies what it means for the
 * fleet. Hosts are matched by name with the ones this inventory (by `name`) added before: new ones are
 * added and marked as its own, its own are updated where the inventory changed them, and its own that it
 * no longer lists are reported, and removed only with `removeGone`. A host of the same name that it did
 * not add is left alone. New hosts are polled once to fetch their host keys, which users still confirm.
 */
export async function importInventory(
  ctx: AppContext,
  raw: InventoryImportInput,
  actor: string,
  /** The language of the notes (why a host or variable was left out): the caller's. */
  locale: Locale = DEFAULT_LOCALE,
): Promise<InventoryImportDto> {
  const input = inventoryImportSchema.parse(raw);
  const { db } = ctx;
  const source = `inventory:${input.name}`;
  const read = readOrRefuse(input.text, input.format);
  const result: InventoryImportDto = {
    source,
    format: read.format,
    applied: input.apply,
    added: [],
    changed: [],
    unchanged: [],
    gone: [],
    skipped: [...read.skipped],
    problems: read.problems,
    warnings: [],
  };
  const own = new Map((await hosts.listHostsFromSource(db, source)).map((h) => [h.name, h]));
  const plan = jumpPlanner(
    await hosts.listHosts(db),
    read.hosts,
    new Set(own.keys()),
    (host, jump) => planHost(host, jump),
    (s) => result.skipped.push(s),
  );
  async function planHost(host: InventoryHost, jump: HopHost | null): Promise<HopOutcome> {
    const plan = planOf(host, input.defaultUser, jump?.name ?? null, locale);
    if ("skip" in plan) return { cannot: plan.skip };
    const me = { name: host.name, through: jump?.name ?? null, hops: jump ? jump.hops + 1 : 0 };
    const before = own.get(host.name);
    if (before) {
      // A host given a stored key or password in twscope keeps it while the inventory names no key file.
      const kept = before.authMethod === "stored" && plan.authMethod === "agent" ? { ...plan, authMethod: "stored" as const } : plan;
      const changes = changesOf(before, kept);
      if (changes.length === 0) result.unchanged.push({ id: before.id, name: before.name });
      else result.changed.push({ ...kept, id: before.id, changes });
      return { ...me, id: before.id };
    }
    const taken = await hosts.getHostByName(db, host.name);
    if (taken) {
      result.skipped.push({ name: host.name, reason: msg("inventory.reasons.nameTaken") });
      return hopHostOf(taken);
    }
    result.added.push({ ...plan, id: null });
    return { ...me, id: null };
  }
  for (const host of read.hosts) await plan(host);
  const listed = new Set([...read.hosts, ...read.skipped, ...result.added, ...result.changed, ...result.unchanged].map((h) => h.name));
  for (const [name, host] of own) if (!listed.has(name)) result.gone.push({ id: host.id, name, removed: false });
  for (const h of [...result.added, ...result.changed]) {
    if (h.keyPath && !fs.existsSync(h.keyPath)) {
      result.warnings.push({
        name: h.name,
        message: msg("inventory.reasons.keyFileMissing", { path: h.keyPath }),
      });
    }
  }
  if (input.apply) await apply(ctx, result, input.removeGone, actor);
  return renderTextsIn(result, translatorFor(locale));
}

/** The inventory read, or a 400 saying where it is not the format it was said to be (YAML's parse error). */
function readOrRefuse(text: string, format: "ini" | "yaml" | undefined) {
  try {
    return readInventory(text, format);
  } catch (err) {
    throw errors.badRequest(msg("errors.inventoryUnreadable", { format: format ?? "any", reason: (err as Error).message }));
  }
}

async function apply(ctx: AppContext, result: InventoryImportDto, removeGone: boolean, actor: string): Promise<void> {
  const { db, poller, pool } = ctx;
  const from = result.source;
  await db.tx(async (t) => {
    // Jump hosts come before the hosts behind them in `added`, so each is stored by the time it is named.
    const idOf = async (name: string | null) => (name === null ? null : ((await hosts.getHostByName(t, name))?.id ?? null));
    for (const h of result.added) {
      const jumpHostId = await idOf(h.jumpHost);
      await checkJumpHost(t, jumpHostId, null);
      const host = await hosts.insertHost(t, { ...fieldsOf(h), name: h.name, jumpHostId });
      await hosts.setImportSource(t, host.id, from);
      await recordAudit(t, actor, "host.add", host.name, { id: host.id, address: host.address, from });
      h.id = host.id;
    }
    for (const h of result.changed) {
      const jumpHostId = await idOf(h.jumpHost);
      if (h.changes.some((c) => c.field === "jumpHost")) await checkJumpHost(t, jumpHostId, await hosts.getHost(t, h.id));
      await hosts.updateHost(t, h.id, { ...fieldsOf(h), jumpHostId });
      await recordAudit(t, actor, "host.edit", h.name, { id: h.id, fields: h.changes.map((c) => c.field), from });
    }
    if (!removeGone) return;
    for (const h of result.gone) {
      await hosts.deleteHost(t, h.id);
      await recordAudit(t, actor, "host.remove", h.name, { id: h.id, from });
      h.removed = true;
    }
  });
  for (const h of result.gone) if (h.removed) pool.evict(h.id);
  // No key is pinned yet: this poll only fetches the key each new host presents, for a user to confirm.
  for (const h of result.added) await askForPoll(ctx, h.id!);
  for (const h of result.changed) await requestPollOf(db, h.id);
  poller.hostsChanged();
}

const fieldsOf = (h: InventoryHostPlan) => ({
  address: h.address,
  port: h.port,
  username: h.username,
  authMethod: h.authMethod,
  keyPath: h.keyPath ?? undefined,
  tags: h.tags,
});

/** The host twscope makes of an inventory host, or why it makes none. */
function planOf(
  host: InventoryHost,
  defaultUser: string | undefined,
  jumpHost: string | null,
  locale: Locale,
): InventoryHostPlan | { skip: StoredText } {
  const username = host.user ?? defaultUser;
  if (!username) return { skip: msg("inventory.reasons.noUser") };
  const notApplied = [...host.notApplied];
  const usable = host.groups.filter((g) => {
    const ok = tagSchema.safeParse(g).success;
    if (!ok) notApplied.push({ variable: `group ${g}`, reason: msg("inventory.reasons.notATag") });
    return ok;
  });
  if (usable.length > MAX_TAGS) {
    notApplied.push({
      variable: "groups",
      reason: msg("inventory.reasons.tooManyTags", { max: String(MAX_TAGS), left: usable.slice(MAX_TAGS).join(", ") }),
    });
  }
  const keyPath = expandHome(host.keyFile ?? undefined) ?? null;
  const plan: InventoryHostPlan = {
    name: host.name,
    address: host.address,
    port: host.port ?? 22,
    username,
    authMethod: keyPath ? "key" : "agent",
    keyPath,
    tags: usable.slice(0, MAX_TAGS),
    jumpHost,
    notApplied,
  };
  const valid = hostCreateSchema.safeParse({ ...fieldsOf(plan), name: plan.name }, zodParseOptions(locale));
  if (!valid.success) return { skip: valid.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return plan;
}

function changesOf(before: hosts.HostRecord, after: InventoryHostPlan): FieldChange[] {
  const shown = (field: FieldChange["field"], v: unknown): string =>
    field === "tags" ? (v as string[]).join(", ") || "—" : v === null || v === undefined ? "—" : String(v);
  return COMPARED.flatMap((field) => {
    const from = shown(field, field === "jumpHost" ? (before.jump?.name ?? null) : before[field]);
    const to = shown(field, after[field]);
    return from === to ? [] : [{ field, from, to }];
  });
}
