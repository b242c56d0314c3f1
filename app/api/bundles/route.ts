import { bundleImportSchema } from "@/lib/schemas";
import { handle, readJson, readText } from "@/server/http/handle";
import { importBundle } from "@/server/services/bundles";

export const dynamic = "force-dynamic";

const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

/** JSON `{name, text}`, or the raw bundle as text/plain with `?name=`. */
export const POST = handle("admin", async (req, _ctx, who) => {
  const input = req.headers.get("content-type")?.startsWith("text/plain")
    ? bundleImportSchema.parse({ name: new URL(req.url).searchParams.get("name") ?? "", text: await readText(req, MAX_BUNDLE_BYTES) })
    : await readJson(req, bundleImportSchema, MAX_BUNDLE_BYTES + 64 * 1024);
  return Response.json(importBundle(input.name, input.text, who.name), { status: 201 });
});
