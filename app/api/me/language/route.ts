import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { setUserLanguage } from "@/server/db/users";
import { handle, readJson } from "@/server/http/handle";

export const dynamic = "force-dynamic";

const languageSchema = z.strictObject({ language: z.enum(LOCALES).nullable() });

/** A year: the switch is a preference, not a session. */
const COOKIE_MAX_AGE = 365 * 24 * 3600;

/**
 * The language switch in the header: remembered in this browser by a cookie (share-link viewers too),
 * and on the signed-in user's account so it follows them to other browsers. `null` goes back to the browser's.
 */
export const PUT = handle("public", async ({ req, ctx, who }) => {
  const { language } = await readJson(req, languageSchema, 1024);
  if (who?.userId != null) await setUserLanguage(ctx.db, who.userId, language);
  const secure = ctx.config.publicUrl.startsWith("https:") || new URL(req.url).protocol === "https:" ? "; Secure" : "";
  const cookie =
    language === null
      ? `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`
      : `${LOCALE_COOKIE}=${language}; Path=/; Max-Age=${COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
  return Response.json({ language }, { headers: { "set-cookie": cookie } });
});
