import { z } from "zod";
import { handle } from "@/server/http/handle";
import { localeOf } from "@/server/i18n/locale";
import { listAlertHistory, listOpenAlerts } from "@/server/services/alerts/alerts";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  view: z.enum(["open", "history"]).default("open"),
  host: z.coerce.number().int().positive().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Pending and firing alerts (`view=open`, the default) or those that fired (`view=history`), of the fleet or one host, in the reader's language. */
export const GET = handle("viewer", async ({ req, ctx, who }) => {
  const q = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const locale = localeOf(req, who);
  if (q.view === "open") return listOpenAlerts(ctx, q.host, Date.now(), locale);
  return listAlertHistory(ctx, {
    limit: q.limit,
    locale,
    ...(q.before ? { before: q.before } : {}),
    ...(q.host ? { hostId: q.host } : {}),
  });
});
