import type { RemedyText } from "@/lib/advice/remedy-text";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { translatorFor } from "@/server/i18n/translator";

/** Translators that throw on a missing key or a bad value, so a gap in a catalogue fails the test. */
const strictTranslator = (locale: Locale): Translate => translatorFor(locale, { strict: true });
export const english = strictTranslator("en");
export const chinese = strictTranslator("zh-CN");

/** Every piece of a remedy's prose, for checks that read all of it. */
export const remedyProse = (text: RemedyText): string[] => [
  text.title,
  text.summary,
  text.riskReason,
  ...text.sideEffects,
  ...text.prerequisites,
  ...text.steps,
  text.kernelNote ?? "",
];
