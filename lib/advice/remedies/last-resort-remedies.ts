import type { Remedy } from "../types";
import { SOURCES } from "./sources";

/**
 * Shortcuts that make TIME_WAIT disappear by destroying it. They are catalogued (stance "avoid") so
 * twscope can recognise them and warn; both carry a high risk and no copy-paste commands.
 */
export const LAST_RESORT_REMEDIES: readonly Remedy[] = [
  {
    id: "so-linger-zero",
    kind: "design",
    stance: "avoid",
    risk: "high",
    kernels: {},
    commands: null,
    sources: [SOURCES.soLingerAnswer, SOURCES.csdnSoLinger],
  },
  {
    id: "force-close-time-wait",
    kind: "manual",
    stance: "avoid",
    risk: "high",
    kernels: { since: "6.0" },
    commands: null,
    sources: [SOURCES.serverFault, SOURCES.rfc1122],
  },
];
