import englishCommon from "../i18n/messages/en/common.json";
import { msg, type MessageValues, type StoredText } from "../i18n/message";

const { pollErrors } = englishCommon;

/**
 * A poll's error is stored as the English sentence twscope wrote (`common.pollErrors.*`, so the
 * CLI, alerts and older rows read it as they always did), around what SSH or the OS said. Read back
 * through the same English catalogue, it becomes a message again, to word in the reader's language;
 * SSH's and the OS's own words ({detail}) stay as they came. Text no sentence fits is shown as it is.
 */
export function pollErrorText(text: string): StoredText {
  for (const { key, pattern, names } of SHAPES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const values: MessageValues = {};
    // A `reason` is a poll error of its own (the jump host's), read back too.
    names.forEach((name, i) => (values[name] = name === "reason" ? pollErrorText(m[i + 1]!) : m[i + 1]!));
    return msg(`common.pollErrors.${key}`, values);
  }
  return text;
}

export type PollErrorKey = keyof typeof pollErrors;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Each sentence as a pattern, its placeholders caught; the ones with the most fixed words first, so
// "through the jump host X: cannot open a channel …" is not taken for "through the jump host X: {reason}".
const SHAPES = Object.entries(pollErrors)
  .map(([key, sentence]) => {
    const parts = sentence.split(/\{(\w+)\}/);
    const fixed = parts.filter((_, i) => i % 2 === 0);
    const names = parts.filter((_, i) => i % 2 === 1);
    const last = names.length - 1;
    const source = fixed.map((f, i) => escape(f) + (i < names.length ? (i === last ? "(.+)" : "(.+?)") : "")).join("");
    return { key, names, pattern: new RegExp(`^${source}$`, "s"), weight: fixed.join("").length };
  })
  .sort((a, b) => b.weight - a.weight);
