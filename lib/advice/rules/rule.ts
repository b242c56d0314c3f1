import { msg, type Message, type MessageValue, type MessageValues } from "../../i18n/message";
import type { RuleContext } from "../context";
import type { Applicability, Finding, RemedyAdvice } from "../types";

/** A diagnosis rule: stable id (like a linter's), documented, pure. Its words are in the catalogue `advice.rules.<id>`. */
export interface Rule {
  id: string;
  title: Message;
  /** What it checks and why it matters, for the rule catalogue. */
  description: Message;
  evaluate(ctx: RuleContext): Finding | null;
}

/** A sentence of the advisor's catalogue (lib/i18n/messages/<locale>/advice.json), kept as data. */
export const say = (key: string, values?: MessageValues): Message => msg(`advice.${key}`, values);

/** A rule's own catalogue entry: its title and description. */
export const ruleText = (id: string, values?: MessageValues) => ({
  title: say(`rules.${id}.title`),
  description: say(`rules.${id}.description`, values),
});

export const advise = (id: string, applicability: Applicability, why: Message): RemedyAdvice => ({ id, applicability, why });

/** Counts are whole: the catalogue formats them (`{count, number}`) in the reader's language. */
export const int = (v: number) => Math.round(v);
/** A share as a whole percent, written `{share, number}%` by the catalogue. */
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
/** "3.5/s", or "42/s" from 10 up. */
export const perSecond = (v: number): Message =>
  v >= 10 ? say("unit.perSecWhole", { rate: Math.round(v) }) : say("unit.perSecTenths", { rate: v });

// English text, for the alert conditions' rates.
export const perSec = (v: number) => `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}/s`;

/** "a, b, c" in the reader's language ("a、b、c" in Chinese), as nested phrases; `joiner` "phrase.clauses" joins with "; ". */
export function listOf(items: MessageValue[], joiner = "phrase.list"): MessageValue {
  const [first, ...rest] = items;
  if (first === undefined) return "";
  return rest.length === 0 ? first : say(joiner, { first, rest: listOf(rest, joiner) });
}
