import "server-only";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "../auth/page-access";
import { messagesFor } from "./catalogue";
import { localeOf } from "./locale";
import { messageFallback, onIntlError } from "./translator";

/**
 * next-intl's per-request configuration: the page's language (see `localeOf`) and its catalogues.
 * Pages render on the server in UTC; `<Timestamp>` switches to the viewer's zone in the browser.
 */
export default getRequestConfig(async () => {
  const locale = localeOf({ headers: await headers() }, await currentUser());
  return { locale, messages: messagesFor(locale), timeZone: "UTC", onError: onIntlError, getMessageFallback: messageFallback };
});
