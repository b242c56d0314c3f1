import { rulePatchSchema } from "@/lib/alerts/rule";
import { handle, readJson } from "@/server/http/handle";
import { removeRule, updateRule } from "@/server/services/alerts/rules";

export const dynamic = "force-dynamic";

type RuleRoute = { params: Promise<{ id: string }> };

export const PATCH = handle<"admin", RuleRoute>(
  "admin",
  async ({ req, ctx, who, route }) =>
    await updateRule(ctx, (await route.params).id, await readJson(req, rulePatchSchema, 16 * 1024), who.name),
);

export const DELETE = handle<"admin", RuleRoute>("admin", async ({ ctx, who, route }) => {
  await removeRule(ctx, (await route.params).id, who.name);
});
