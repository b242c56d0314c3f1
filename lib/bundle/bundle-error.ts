import { englishOf } from "../i18n/english";
import type { Message } from "../i18n/message";

export type BundleErrorCode = "empty" | "not-a-bundle" | "unsupported-version" | "truncated" | "malformed";

/** A bundle that cannot be turned into a sample; `text` (`advice.input.error.*`) says what is wrong with it, `message` in English. */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    readonly text: Message,
  ) {
    super(englishOf(text));
    this.name = "BundleError";
  }
}
