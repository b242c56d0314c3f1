import type { Locale } from "./locales";
import type { Messages } from "@/server/i18n/catalogue";

// Every `t("…")` in the code is checked against the English catalogues at compile time.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
