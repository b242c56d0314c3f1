import type { RuleContext } from "../context";
import type { Applicability, Finding, RemedyAdvice } from "../types";

/** A diagnosis rule: stable id (like a linter's), documented, pure. */
export interface Rule {
  id: string;
  title: string;
  /** What it checks and why it matters, for the rule catalogue. */
  description: string;
  evaluate(ctx: RuleContext): Finding | null;
}

export const advise = (id: string, applicability: Applicability, why: string): RemedyAdvice => ({ id, applicability, why });

const integer = new Intl.NumberFormat("en-US");
export const n = (v: number) => integer.format(Math.round(v));
export const pct = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;
export const perSec = (v: number) => `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}/s`;
