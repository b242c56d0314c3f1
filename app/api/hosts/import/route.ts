import { importSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { importSshConfig } from "@/server/services/hosts/ssh-config-import";

export const dynamic = "force-dynamic";

export const POST = handle("admin", async ({ req, ctx, who }) => {
  const { config, defaultUser } = await readJson(req, importSchema);
  return importSshConfig(ctx, config, defaultUser, who.name);
});
