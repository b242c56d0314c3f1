import { configAppliesAtBoot } from "./boot-config";
import { conntrackTimeWait } from "./conntrack";
import { clientChurn, clientPortExhaustion, serverClosesFirst } from "./close-side";
import type { Rule } from "./rule";
import { conntrackNearFull, finTimeoutLowered, portRangeNarrow, runtimeDiffersFromConfig } from "./settings";
import { twBucketsLowered, twBucketsOverflow } from "./tw-buckets";
import { twRecycleEnabled, twRecycleInConfig } from "./tw-recycle";
import { reuseOnServerSide, reuseWithoutTimestamps } from "./tw-reuse";

export type { Rule } from "./rule";

/** Every rule, in the order their findings read best when severities tie. */
export const RULES: readonly Rule[] = [
  twRecycleEnabled,
  twBucketsOverflow,
  clientPortExhaustion,
  conntrackNearFull,
  conntrackTimeWait,
  finTimeoutLowered,
  reuseWithoutTimestamps,
  serverClosesFirst,
  twBucketsLowered,
  portRangeNarrow,
  twRecycleInConfig,
  configAppliesAtBoot,
  clientChurn,
  reuseOnServerSide,
  runtimeDiffersFromConfig,
];

export const HEALTHY_RULE_ID = "healthy";
export const UNKNOWN_RULE_ID = "unknown";
