// What a pasted bundle or sosreport lacked or left out, kept as `advice.input.*` messages so
// the host page, the import answer and `twscope analyze` say it in their reader's language.
import { msg, type Message, type MessageValues } from "../i18n/message";

export const inputNote = (key: string, values?: MessageValues): Message => msg(`advice.input.${key}`, values);

/** A refusal's message (`advice.input.error.*`), as `BundleError` carries it. */
export const inputError = (key: string, values?: MessageValues): Message => inputNote(`error.${key}`, values);

/** Names joined as "a and b" ("a and b and c" for more), in the reader's language. */
export function andList(names: string[]): Message | string {
  const [first, ...rest] = names;
  if (rest.length === 0) return first ?? "";
  return inputNote("and", { first: first!, second: andList(rest) });
}

/** Notes joined as "a; b; c": each stays a message of its own. */
export function noteList(notes: Message[]): Message {
  const [first, ...rest] = notes;
  if (!first) return inputError("noRows");
  return rest.length === 0 ? first : inputNote("notesJoined", { first, rest: noteList(rest) });
}
