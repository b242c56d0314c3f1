import "server-only";
import type { ChannelDeliveriesDto, ChannelDetailDto, ChannelDto, DeliveryDto } from "@/lib/alerts/delivery";
import type { ChannelCreateInput, ChannelUpdateInput } from "@/lib/alerts/schemas";
import type { AppContext } from "../../context";
import * as channels from "../../db/alert-channels";
import { lastFailedDelivery, listDeliveries } from "../../db/alert-deliveries";
import { dropQueued, queueCounts } from "../../db/alert-outbox";
import { recordAudit } from "../../db/audit";
import { errors } from "../../errors";
import { secretKeyFor } from "../../secrets/key";

function requireChannel({ db }: AppContext, id: number): ChannelDto {
  const channel = channels.getChannel(db, id);
  if (!channel) throw errors.notFound(`alert channel ${id}`);
  return channel;
}

function detailOf({ db }: AppContext, c: ChannelDto): ChannelDetailDto {
  return {
    ...c,
    ...queueCounts(db, c.id),
    lastDelivery: listDeliveries(db, c.id, { limit: 1 })[0] ?? null,
    lastError: lastFailedDelivery(db, c.id),
  };
}

const auditOf = (c: ChannelDto) => ({ id: c.id, kind: c.kind, urlHint: c.urlHint });

export function listChannelDtos(ctx: AppContext): ChannelDetailDto[] {
  return channels.listChannels(ctx.db).map((c) => detailOf(ctx, c));
}

export function getChannelDetail(ctx: AppContext, id: number): ChannelDetailDto {
  return detailOf(ctx, requireChannel(ctx, id));
}

export function createChannel(ctx: AppContext, input: ChannelCreateInput, actor: string): ChannelDetailDto {
  const { db, config } = ctx;
  if (channels.getChannelByName(db, input.name)) throw errors.conflict(`an alert channel named ${input.name} exists already`);
  const channel = channels.insertChannel(db, secretKeyFor(db, config), {
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    options: input.options,
    secret: { url: input.url, ...(input.bearerToken !== undefined ? { bearerToken: input.bearerToken } : {}) },
  });
  recordAudit(db, actor, "alert-channel.add", channel.name, auditOf(channel));
  return detailOf(ctx, channel);
}

/** Edits a channel. A new URL or token replaces the stored secret; disabling one gives up what it has queued. */
export function updateChannel(ctx: AppContext, id: number, patch: ChannelUpdateInput, actor: string): ChannelDetailDto {
  const { db, config } = ctx;
  const current = requireChannel(ctx, id);
  if (patch.name && patch.name !== current.name && channels.getChannelByName(db, patch.name))
    throw errors.conflict(`an alert channel named ${patch.name} exists already`);
  if (current.kind === "slack" && patch.bearerToken) throw errors.badRequest("a Slack incoming webhook takes no bearer token");
  const key = secretKeyFor(db, config);
  const secretChanged = patch.url !== undefined || patch.bearerToken !== undefined;
  const secret = secretChanged ? nextSecret(channels.readChannelSecret(db, key, id), patch) : undefined;
  const updated = db.transaction(() => {
    const u = channels.updateChannel(db, key, id, { name: patch.name, enabled: patch.enabled, options: patch.options, secret })!;
    if (current.enabled && !u.enabled) dropQueued(db, id, Date.now(), "the channel was disabled");
    const fields = (Object.keys(patch) as (keyof ChannelUpdateInput)[]).filter((k) => patch[k] !== undefined);
    recordAudit(db, actor, "alert-channel.edit", u.name, { ...auditOf(u), fields });
    return u;
  })();
  return detailOf(ctx, updated);
}

function nextSecret(old: channels.ChannelSecret, patch: ChannelUpdateInput): channels.ChannelSecret {
  const bearerToken = patch.bearerToken === null ? undefined : (patch.bearerToken ?? old.bearerToken);
  return { url: patch.url ?? old.url, ...(bearerToken !== undefined ? { bearerToken } : {}) };
}

export function deleteChannel(ctx: AppContext, id: number, actor: string): void {
  const channel = requireChannel(ctx, id);
  channels.deleteChannel(ctx.db, id);
  recordAudit(ctx.db, actor, "alert-channel.remove", channel.name, auditOf(channel));
}

/** Sends a test alert to the channel now and returns how it went (also in its delivery log). */
export async function testChannel(ctx: AppContext, id: number, actor: string): Promise<DeliveryDto> {
  const channel = requireChannel(ctx, id);
  const delivery = await ctx.notifier.sendTest(id);
  recordAudit(ctx.db, actor, "alert-channel.test", channel.name, { ...auditOf(channel), ok: delivery.ok, httpStatus: delivery.httpStatus });
  return delivery;
}

/** The channel's delivery log, newest first, with its last failure and its queue. */
export function channelDeliveries(ctx: AppContext, id: number, page: { limit: number; before?: number }): ChannelDeliveriesDto {
  const channel = requireChannel(ctx, id);
  return {
    deliveries: listDeliveries(ctx.db, id, page),
    lastError: lastFailedDelivery(ctx.db, id),
    ...queueCounts(ctx.db, channel.id),
  };
}
