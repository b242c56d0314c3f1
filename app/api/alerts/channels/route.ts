import { channelCreateSchema } from "@/lib/alerts/schemas";
import { handle, readJson } from "@/server/http/handle";
import { createChannel, listChannelDtos } from "@/server/services/alerts/channels";

export const dynamic = "force-dynamic";

export const GET = handle("admin", async ({ ctx }) => ({ channels: await listChannelDtos(ctx) }));

export const POST = handle("admin", async ({ req, ctx, who }) =>
  Response.json(await createChannel(ctx, await readJson(req, channelCreateSchema, 16 * 1024), who.name), { status: 201 }),
);
