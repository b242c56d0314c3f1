import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "./catalogue";

// Every `t("…")` in the code is checked against the English catalogues at compile time.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
