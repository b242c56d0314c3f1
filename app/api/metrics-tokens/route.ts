import { metricsTokenCreateSchema } from "@/lib/metrics/tokens";
import { handle, readJson } from "@/server/http/handle";
import { createMetricsToken, listMetricsTokens } from "@/server/services/metrics-tokens";

export const dynamic = "force-dynamic";

export const GET = handle("admin", async ({ ctx }) => ({ tokens: await listMetricsTokens(ctx) }));

export const POST = handle("admin", async ({ req, ctx, who }) => {
  const { name } = await readJson(req, metricsTokenCreateSchema, 4096);
  return Response.json(await createMetricsToken(ctx, name, who), { status: 201, headers: { "cache-control": "no-store" } });
});
