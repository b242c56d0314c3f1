import { InventoryTextError, problem } from "./inventory-problem";

/** The most hosts one pattern may stand for: an inventory line that means more is a typo, not a fleet. */
export const MAX_PATTERN_HOSTS = 10_000;

const RANGE = /\[([^\]]*)\]/;
const refusal = (key: string, pattern: string) => new InventoryTextError(problem(key, { pattern }));
const tooMany = (pattern: string) => new InventoryTextError(problem("tooManyHosts", { pattern, max: MAX_PATTERN_HOSTS }));

/**
 * The hosts an inventory host pattern stands for, as Ansible expands them: `web[01:20].example` is
 * web01 … web20 (zero-padded as the start is), `db-[a:c]` is db-a, db-b, db-c, `[1:9:2]` takes every
 * second, and several ranges in one name multiply. A name without brackets stands for itself.
 * Throws, saying why, on a range it cannot read or one that stands for more than `MAX_PATTERN_HOSTS`.
 */
export function expandHostPattern(pattern: string): string[] {
  const match = RANGE.exec(pattern);
  if (!match) return [pattern];
  const head = pattern.slice(0, match.index);
  const tail = pattern.slice(match.index + match[0].length);
  const names: string[] = [];
  for (const middle of rangeValues(match[1]!, pattern)) {
    for (const rest of expandHostPattern(tail)) {
      names.push(head + middle + rest);
      if (names.length > MAX_PATTERN_HOSTS) throw tooMany(pattern);
    }
  }
  return names;
}

function rangeValues(range: string, pattern: string): string[] {
  const parts = range.split(":");
  if (parts.length < 2 || parts.length > 3) throw refusal("rangeForm", pattern);
  const [start, end, stepText] = parts as [string, string, string | undefined];
  const step = stepText === undefined || stepText === "" ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) throw refusal("rangeStep", pattern);
  if (/^\d+$/.test(start) && /^\d+$/.test(end)) return numbers(start, end, step, pattern);
  if (/^[a-z]$/.test(start) && /^[a-z]$/.test(end)) return letters(start, end, step, pattern);
  if (/^[A-Z]$/.test(start) && /^[A-Z]$/.test(end)) return letters(start, end, step, pattern);
  throw refusal("rangeKinds", pattern);
}

function numbers(start: string, end: string, step: number, pattern: string): string[] {
  const from = Number(start);
  const to = Number(end);
  if (from > to) throw refusal("rangeBackwards", pattern);
  if ((to - from) / step >= MAX_PATTERN_HOSTS) throw tooMany(pattern);
  // A start written with leading zeros pads every number to its width (01 … 20); otherwise none is padded.
  const width = start.length > 1 && start.startsWith("0") ? start.length : 0;
  const out: string[] = [];
  for (let n = from; n <= to; n += step) out.push(String(n).padStart(width, "0"));
  return out;
}

function letters(start: string, end: string, step: number, pattern: string): string[] {
  const from = start.charCodeAt(0);
  const to = end.charCodeAt(0);
  if (from > to) throw refusal("rangeBackwards", pattern);
  const out: string[] = [];
  for (let c = from; c <= to; c += step) out.push(String.fromCharCode(c));
  return out;
}
