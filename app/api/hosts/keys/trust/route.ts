import { keysTrustSchema } from "@/lib/schemas";
import { handle, readJson } from "@/server/http/handle";
import { localeOf } from "@/server/i18n/locale";
import { trustHostKeys } from "@/server/services/hosts/host-keys";

export const dynamic = "force-dynamic";

/** Trusts the first keys of the hosts given, each with the fingerprint the user was shown. */
export const POST = handle("admin", async ({ req, ctx, who }) =>
  trustHostKeys(ctx, (await readJson(req, keysTrustSchema)).hosts, who.name, localeOf(req, who)),
);
