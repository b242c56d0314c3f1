import "server-only";
import fs from "node:fs";
import type { ImportResultDto } from "@/lib/dto";
import { parseJumpSpec, type JumpHop } from "@/lib/host/jump-spec";
import { msg } from "@/lib/i18n/message";
import { hostCreateSchema } from "@/lib/schemas";
import { readSshConfig, type SshConfigHost } from "@/lib/ssh-config";
import * as hosts from "../../db/hosts";
import { recordAudit } from "../../db/audit";
import type { AppContext } from "../../context";
import { toHostDto } from "../host-dto";
import { expandHome } from "./expand-home";
import { existingHostFor, hopHostOf, importPlanner, jumpHostOfHops, type HopHost, type HopOutcome } from "./jump-hops";
import { checkJumpHost } from "./jump-host-check";

/** Where the words of what an import skipped or left to fix are (the error messages it quotes stay as they are). */
const REASONS = "hostForms.sshConfig.reasons";

/**
 * Creates one host per concrete `Host` alias of an OpenSSH config; keys are not trusted until a user
 * confirms them. A ProxyJump hop is a `Host` alias of the same config, else an existing twscope host
 * (by name, or address, port and user), else a host this import creates for it; a host whose ProxyJump
 * cannot be mapped so is skipped with the reason, never reached another way.
 */
export async function importSshConfig(
  ctx: AppContext,
  text: string,
  defaultUser: string | undefined,
  actor: string,
): Promise<ImportResultDto> {
  const config = readSshConfig(text);
  const result: ImportResultDto = { created: [], skipped: [], ignored: config.ignored, warnings: [] };
  const aliases = new Map(config.hosts.map((h) => [h.alias, h]));
  const existing = await hosts.listHosts(ctx.db);
  // Each alias (or hop host) once, by name.
  const { plan: add, asHop: viaImport } = importPlanner<SshConfigHost>(
    (entry: SshConfigHost) => entry.alias,
    (entry, through) => addHost(entry, through),
    (name, reason) => result.skipped.push({ name, reason }),
  );

  const hopHost = async (hop: JumpHop, through: HopHost | undefined): Promise<HopOutcome> => {
    const alias = aliases.get(hop.host);
    if (alias) return viaImport(alias, through);
    const found = existingHostFor(existing, hop);
    if (found) return found;
    const named = config.lookup(hop.host);
    return viaImport({ ...named, user: hop.user ?? named.user, port: hop.port ?? named.port }, through);
  };

  const addHost = async (entry: SshConfigHost, through: HopHost | undefined): Promise<HopOutcome> => {
    const taken = await hosts.getHostByName(ctx.db, entry.alias);
    if (taken) {
      // Not imported again, but a jump host for the others all the same.
      result.skipped.push({ name: entry.alias, reason: msg(`${REASONS}.nameTaken`) });
      return hopHostOf(taken);
    }
    if (entry.proxyCommand !== null) return { cannot: msg(`${REASONS}.proxyCommandHost`) };
    const user = entry.user ?? defaultUser;
    if (!user) return { cannot: msg(`${REASONS}.noUser`) };
    const hops = entry.proxyJump === null ? [] : parseJumpSpec(entry.proxyJump);
    if (hops === null) return { cannot: msg(`${REASONS}.unreadableJump`, { jump: entry.proxyJump ?? "" }) };
    // A hop named without a ProxyJump of its own is reached as the chain naming it reaches it.
    const jump = hops.length > 0 ? await jumpHostOfHops(hops, hopHost) : (through ?? null);
    if (jump && "cannot" in jump) return { cannot: msg(`${REASONS}.throughJump`, { jump: entry.proxyJump!, reason: jump.cannot }) };
    const parsed = hostCreateSchema.safeParse({
      name: entry.alias,
      address: entry.hostName,
      port: entry.port ?? 22,
      username: user,
      authMethod: entry.identityFile ? "key" : "agent",
      keyPath: expandHome(entry.identityFile ?? undefined),
      tags: ["imported"],
      jumpHostId: jump?.id ?? null,
    });
    if (!parsed.success) return { cannot: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    try {
      await checkJumpHost(ctx.db, parsed.data.jumpHostId ?? null, null);
    } catch (err) {
      return { cannot: (err as Error).message };
    }
    return created(ctx, result, await hosts.insertHost(ctx.db, parsed.data), actor);
  };

  for (const entry of config.hosts) await add(entry);
  return result;
}

async function created(ctx: AppContext, result: ImportResultDto, host: hosts.HostRecord, actor: string): Promise<HopHost> {
  await recordAudit(ctx.db, actor, "host.add", host.name, { id: host.id, address: host.address, from: "ssh-config" });
  // No key is pinned yet: this only fetches the key the host presents, for the user to confirm.
  ctx.poller.pollSoon(host.id);
  result.created.push(toHostDto(host, null));
  if (host.keyPath && !fs.existsSync(host.keyPath)) {
    result.warnings.push({
      name: host.name,
      message: msg(`${REASONS}.missingIdentityFile`, { path: host.keyPath }),
    });
  }
  return hopHostOf(host);
}
