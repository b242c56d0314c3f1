import type { Translate } from "../i18n/message";

/** A remedy's words in one language, from the catalogue `remedy.<id>` (see `Remedy`). */
export interface RemedyText {
  title: string;
  summary: string;
  riskReason: string;
  sideEffects: string[];
  prerequisites: string[];
  steps: string[];
  /** About kernel versions, beside `kernels.since` / `removedIn`. */
  kernelNote: string | null;
}

/**
 * The remedy texts are plain prose with code in Markdown backticks and no values to fill in, so they
 * are read as written (`t.raw`): shell lines with `{`, `'` or `<` need no ICU escaping.
 */
const prose = (t: Translate, key: string): string => {
  const v = t.has(key) ? t.raw(key) : undefined;
  return typeof v === "string" ? v : key;
};
const list = (t: Translate, key: string): string[] => {
  const v = t.has(key) ? t.raw(key) : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
};

export function remedyText(t: Translate, id: string): RemedyText {
  const at = (field: string) => `remedy.${id}.${field}`;
  return {
    title: prose(t, at("title")),
    summary: prose(t, at("summary")),
    riskReason: prose(t, at("riskReason")),
    sideEffects: list(t, at("sideEffects")),
    prerequisites: list(t, at("prerequisites")),
    steps: list(t, at("steps")),
    kernelNote: t.has(at("kernelNote")) ? prose(t, at("kernelNote")) : null,
  };
}

/** Just the title, where a remedy is named (findings, reports, notifications). */
export const remedyTitle = (t: Translate, id: string) => prose(t, `remedy.${id}.title`);
