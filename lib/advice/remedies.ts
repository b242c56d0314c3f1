import type { Remedy } from "./types";
import { DESIGN_REMEDIES } from "./remedies/design-remedies";
import { LAST_RESORT_REMEDIES } from "./remedies/last-resort-remedies";
import { SYSCTL_REMEDIES } from "./remedies/sysctl-remedies";

/**
 * Every remedy twscope can suggest or warn about, written in twscope's words from the source
 * document (shared/seed/time-wait-notes.zh.md) and the kernel facts, each citing its sources.
 * Kernel settings first, then design changes, then the destructive shortcuts.
 */
export const REMEDIES: readonly Remedy[] = [...SYSCTL_REMEDIES, ...DESIGN_REMEDIES, ...LAST_RESORT_REMEDIES];

export function remedyById(id: string): Remedy | undefined {
  return REMEDIES.find((remedy) => remedy.id === id);
}
