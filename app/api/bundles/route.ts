import { MAX_BUNDLE_BYTES } from "@/lib/bundle/plain/command-sections";
import { bundleImportSchema } from "@/lib/schemas";
import { MAX_ARCHIVE_BYTES } from "@/server/ingest/read-sosreport-archive";
import { handle, readBytes, readJson, readText } from "@/server/http/handle";
import { importBundle, importSosreportArchive } from "@/server/ingest/import-bundle";
import { localeOf } from "@/server/i18n/locale";

export const dynamic = "force-dynamic";

// A sosreport archive: .tar.xz, .tar.gz or .tar, as browsers and curl label them.
const ARCHIVE_TYPES = /^application\/(x-xz|gzip|x-gzip|x-tar|x-gtar|x-compressed-tar|x-xz-compressed-tar|octet-stream)\b/;
const nameSchema = bundleImportSchema.pick({ name: true });

/** JSON `{name, text}`, the raw bundle as text/plain with `?name=`, or a sosreport archive with `?name=`. */
export const POST = handle("admin", async ({ req, ctx, who }) => {
  const type = req.headers.get("content-type") ?? "";
  if (ARCHIVE_TYPES.test(type)) {
    const { name } = nameSchema.parse({ name: new URL(req.url).searchParams.get("name") ?? "" });
    const bytes = await readBytes(req, MAX_ARCHIVE_BYTES);
    return Response.json(await importSosreportArchive(ctx, name, bytes, who.name, Date.now(), localeOf(req, who)), { status: 201 });
  }
  const input = type.startsWith("text/plain")
    ? bundleImportSchema.parse({ name: new URL(req.url).searchParams.get("name") ?? "", text: await readText(req, MAX_BUNDLE_BYTES) })
    : await readJson(req, bundleImportSchema, MAX_BUNDLE_BYTES + 64 * 1024);
  return Response.json(await importBundle(ctx, input.name, input.text, who.name, Date.now(), localeOf(req, who)), { status: 201 });
});
