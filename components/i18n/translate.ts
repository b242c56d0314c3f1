import { useTranslations } from "next-intl";
import type { Translate } from "@/lib/i18n/message";

/**
 * The whole catalogue as one `Translate` (full keys, `has`, `raw`), for text kept as data: findings,
 * evidence and remedy texts whose keys are not known until they are shown. Static text uses
 * `useTranslations("namespace")`, whose keys the compiler checks.
 */
export const useTranslate = (): Translate => useTranslations() as unknown as Translate;
