import type { Remedy, RemedyKind, RemedyStance, Risk } from "./types";

export const RISKS: readonly Risk[] = ["low", "medium", "high", "critical"];
export const KINDS: readonly RemedyKind[] = ["sysctl", "design", "manual"];
/** The catalogue page's sections, in order (headings: `remedies.stance.<stance>`). */
export const STANCES: readonly RemedyStance[] = ["do", "avoid"];

/** The catalogue page's filter, as kept in its URL (`/remedies?risk=low&kind=sysctl`). */
export interface RemedyFilter {
  risk: Risk | null;
  kind: RemedyKind | null;
}

const pick = <T extends string>(allowed: readonly T[], value: string | string[] | undefined): T | null => {
  const v = Array.isArray(value) ? value[0] : value;
  return allowed.includes(v as T) ? (v as T) : null;
};

/** Reads the filter from search params; unknown values mean "all", never an error. */
export function remedyFilterOf(params: Record<string, string | string[] | undefined>): RemedyFilter {
  return { risk: pick(RISKS, params.risk), kind: pick(KINDS, params.kind) };
}

export function filterRemedies(remedies: readonly Remedy[], filter: RemedyFilter): Remedy[] {
  return remedies.filter((r) => (!filter.risk || r.risk === filter.risk) && (!filter.kind || r.kind === filter.kind));
}

/** The query string of a filter, empty when it shows everything. */
export function remedyFilterQuery(filter: RemedyFilter): string {
  const q = new URLSearchParams();
  if (filter.risk) q.set("risk", filter.risk);
  if (filter.kind) q.set("kind", filter.kind);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** What a block of shell lines is for; its title is `remedies.commands.<purpose>`. */
type CommandPurpose = "apply" | "persist" | "rollback" | "undoNow" | "undoForGood" | "reverse";

const PURPOSES: Record<RemedyStance, [CommandPurpose, CommandPurpose, CommandPurpose]> = {
  do: ["apply", "persist", "rollback"],
  avoid: ["undoNow", "undoForGood", "reverse"],
};

/**
 * A remedy's shell lines as blocks by purpose. For a "do" remedy they apply its action; for an "avoid"
 * one they undo it, and their titles say so, so a copied block never reads as doing the harmful thing.
 */
export function commandBlocks(r: Remedy): { purpose: CommandPurpose; lines: string[] }[] {
  if (!r.commands) return [];
  const purposes = PURPOSES[r.stance];
  return [r.commands.runtime, r.commands.persist, r.commands.rollback]
    .map((lines, i) => ({ purpose: purposes[i]!, lines }))
    .filter((b) => b.lines.length > 0);
}
