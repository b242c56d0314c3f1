import { silenceCreateSchema } from "@/lib/alerts/silence";
import { handle, readJson } from "@/server/http/handle";
import { createSilence, listSilences } from "@/server/services/alerts/silences";

export const dynamic = "force-dynamic";

export const GET = handle("viewer", ({ ctx }) => listSilences(ctx));

export const POST = handle(
  "admin",
  async ({ req, ctx, who }) => await createSilence(ctx, await readJson(req, silenceCreateSchema, 4096), who.name),
);
