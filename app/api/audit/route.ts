import { auditQuerySchema } from "@/lib/auth/schemas";
import { listAudit } from "@/server/db/audit";
import { handle } from "@/server/http/handle";

export const dynamic = "force-dynamic";

/** Admin actions, newest first; page with `?before=<id of the last entry shown>`. */
export const GET = handle("admin", async ({ req, ctx }) => {
  const { limit, before } = auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { entries: await listAudit(ctx.db, limit, before) };
});
