import { englishOf } from "../i18n/english";
import { msg, type Message, type MessageValues, type StoredText } from "../i18n/message";

/** Why an inventory line or entry cannot be read: `inventory.problems.*`, said in the reader's language. */
export const problem = (key: string, values?: MessageValues): Message => msg(`inventory.problems.${key}`, values);

/** A host pattern or shell line that cannot be read; `reason` is the message, `message` its English. */
export class InventoryTextError extends Error {
  constructor(readonly reason: Message) {
    super(englishOf(reason));
    this.name = "InventoryTextError";
  }
}

/** What a caught error says about the inventory: its message when it is one of ours. */
export const reasonOf = (err: unknown): StoredText => (err instanceof InventoryTextError ? err.reason : (err as Error).message);
