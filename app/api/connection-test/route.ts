import { connectionTestSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { testConnection } from "@/server/services/hosts/connection-test";

export const dynamic = "force-dynamic";

export const POST = handle("admin", async ({ req, ctx }) => testConnection(ctx, await readJson(req, connectionTestSchema)));
