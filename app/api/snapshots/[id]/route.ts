import { handle, type IdContext } from "@/server/http/handle";
import { notFound } from "@/server/errors";
import { revokeSnapshot } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

export const DELETE = handle("viewer", async (_req, ctx: IdContext, who) => {
  const { id } = await ctx.params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw notFound(`snapshot ${id}`);
  revokeSnapshot(n, who);
});
