import { createTranslator } from "use-intl/core";
import { renderText, type Message, type Translate } from "../i18n/message";
import advice from "../i18n/messages/en/advice.json";

export type BundleErrorCode = "empty" | "not-a-bundle" | "unsupported-version" | "truncated" | "malformed";

// Every reason a bundle is refused is an `advice.input.*` message; `message` holds its English for logs and poll errors.
const english = createTranslator({ locale: "en", messages: { advice } }) as unknown as Translate;

/** A bundle that cannot be turned into a sample; `text` says what is wrong with it, in the reader's language when rendered. */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    readonly text: Message,
  ) {
    super(renderText(english, text));
    this.name = "BundleError";
  }
}
