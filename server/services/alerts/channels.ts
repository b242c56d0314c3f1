import "server-only";
import type { ChannelDeliveriesDto, ChannelDetailDto, ChannelDto, DeliveryDto } from "@/lib/alerts/delivery";
import type { ChannelCreateInput, ChannelUpdateInput } from "@/lib/alerts/schemas";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import type { AppContext } from "../../context";
import * as channels from "../../db/alert-channels";
import { lastFailedDelivery, listDeliveries } from "../../db/alert-deliveries";
import { dropQueued, queueCounts } from "../../db/alert-outbox";
import { recordAudit } from "../../db/audit";
import { errors, thing } from "../../errors";
import { msg } from "@/lib/i18n/message";
import { secretKeyFor } from "../../secrets/key";

async function requireChannel({ db }: AppContext, id: number): Promise<ChannelDto> {
  const channel = await channels.getChannel(db, id);
  if (!channel) throw errors.notFound(thing("alert channel", id));
  return channel;
}

async function detailOf({ db }: AppContext, c: ChannelDto): Promise<ChannelDetailDto> {
  return {
    ...c,
    ...(await queueCounts(db, c.id)),
    lastDelivery: (await listDeliveries(db, c.id, { limit: 1 }))[0] ?? null,
    lastError: await lastFailedDelivery(db, c.id),
  };
}

const auditOf = (c: ChannelDto) => ({ id: c.id, kind: c.kind, urlHint: c.urlHint });

export async function listChannelDtos(ctx: AppContext): Promise<ChannelDetailDto[]> {
  return Promise.all((await channels.listChannels(ctx.db)).map((c) => detailOf(ctx, c)));
}

export async function getChannelDetail(ctx: AppContext, id: number): Promise<ChannelDetailDto> {
  return await detailOf(ctx, await requireChannel(ctx, id));
}

export async function createChannel(ctx: AppContext, input: ChannelCreateInput, actor: string): Promise<ChannelDetailDto> {
  const { db, config } = ctx;
  if (await channels.getChannelByName(db, input.name)) throw errors.conflict(msg("errors.channelExists", { name: input.name }));
  const channel = await channels.insertChannel(db, await secretKeyFor(db, config), {
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    options: input.options,
    language: input.language ?? DEFAULT_LOCALE,
    secret: { url: input.url, ...(input.bearerToken !== undefined ? { bearerToken: input.bearerToken } : {}) },
  });
  await recordAudit(db, actor, "alert-channel.add", channel.name, auditOf(channel));
  return await detailOf(ctx, channel);
}

/** Edits a channel. A new URL or token replaces the stored secret; disabling one gives up what it has queued. */
export async function updateChannel(ctx: AppContext, id: number, patch: ChannelUpdateInput, actor: string): Promise<ChannelDetailDto> {
  const { db, config } = ctx;
  const current = await requireChannel(ctx, id);
  if (patch.name && patch.name !== current.name && (await channels.getChannelByName(db, patch.name)))
    throw errors.conflict(msg("errors.channelExists", { name: patch.name }));
  if (current.kind === "slack" && patch.bearerToken) throw errors.badRequest(msg("errors.slackNoBearer"));
  const key = await secretKeyFor(db, config);
  const secretChanged = patch.url !== undefined || patch.bearerToken !== undefined;
  const secret = secretChanged ? nextSecret(await channels.readChannelSecret(db, key, id), patch) : undefined;
  const updated = await db.tx(async (t) => {
    const u = (await channels.updateChannel(t, key, id, {
      name: patch.name,
      enabled: patch.enabled,
      options: patch.options,
      language: patch.language,
      secret,
    }))!;
    if (current.enabled && !u.enabled) await dropQueued(t, id, Date.now(), "the channel was disabled");
    const fields = (Object.keys(patch) as (keyof ChannelUpdateInput)[]).filter((k) => patch[k] !== undefined);
    await recordAudit(t, actor, "alert-channel.edit", u.name, { ...auditOf(u), fields });
    return u;
  });
  return await detailOf(ctx, updated);
}

function nextSecret(old: channels.ChannelSecret, patch: ChannelUpdateInput): channels.ChannelSecret {
  const bearerToken = patch.bearerToken === null ? undefined : (patch.bearerToken ?? old.bearerToken);
  return { url: patch.url ?? old.url, ...(bearerToken !== undefined ? { bearerToken } : {}) };
}

export async function deleteChannel(ctx: AppContext, id: number, actor: string): Promise<void> {
  const channel = await requireChannel(ctx, id);
  await channels.deleteChannel(ctx.db, id);
  await recordAudit(ctx.db, actor, "alert-channel.remove", channel.name, auditOf(channel));
}

/** Sends a test alert to the channel now and returns how it went (also in its delivery log). */
export async function testChannel(ctx: AppContext, id: number, actor: string): Promise<DeliveryDto> {
  const channel = await requireChannel(ctx, id);
  const delivery = await ctx.notifier.sendTest(id);
  await recordAudit(ctx.db, actor, "alert-channel.test", channel.name, {
    ...auditOf(channel),
    ok: delivery.ok,
    httpStatus: delivery.httpStatus,
  });
  return delivery;
}

/** The channel's delivery log, newest first, with its last failure and its queue. */
export async function channelDeliveries(
  ctx: AppContext,
  id: number,
  page: { limit: number; before?: number },
): Promise<ChannelDeliveriesDto> {
  const channel = await requireChannel(ctx, id);
  return {
    deliveries: await listDeliveries(ctx.db, id, page),
    lastError: await lastFailedDelivery(ctx.db, id),
    ...(await queueCounts(ctx.db, channel.id)),
  };
}
