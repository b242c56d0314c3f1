import { ruleCreateSchema } from "@/lib/alerts/rule";
import { handle, readJson } from "@/server/http/handle";
import { createRule, listRuleDtos } from "@/server/services/alerts/rules";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", async ({ ctx }) => ({ rules: await listRuleDtos(ctx) }));

export const POST = handle(
  "admin",
  async ({ req, ctx, who }) => await createRule(ctx, await readJson(req, ruleCreateSchema, 16 * 1024), who.name),
);
