import type { SampleRates } from "@/lib/types";

/** Rates for a poll with no earlier sample to compare against: every counter's rate unknown. */
export const NO_RATES: SampleRates = {
  twPerSec: null,
  twRecycledPerSec: null,
  twKilledPerSec: null,
  twOverflowPerSec: null,
  pawsPassivePerSec: null,
  activeOpensPerSec: null,
  passiveOpensPerSec: null,
  listenDropsPerSec: null,
};
