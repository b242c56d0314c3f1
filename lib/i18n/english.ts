import { createTranslator } from "use-intl/core";
import advice from "./messages/en/advice.json";
import inventory from "./messages/en/inventory.json";
import { renderText, type Message, type Translate } from "./message";

// The catalogues whose messages code under lib/ throws as errors (a refused bundle, an unreadable
// inventory line); kept to those, so lib/ does not load every catalogue for an error's English.
const english = createTranslator({ locale: "en", messages: { advice, inventory } }) as unknown as Translate;

/** A message's English, for an `Error`'s `message` (logs, stored poll errors); readers get the message itself. */
export const englishOf = (text: Message): string => renderText(english, text);
