import type { Message } from "../../i18n/message";
import type { RuleContext } from "../context";
import { isPowerOfTwo } from "../tw-buckets-default";
import type { Rule } from "./rule";
import { advise, int, percentOf, perSecond, ruleText, say } from "./rule";
import { clientSideFixes, serverSideFixes } from "./shared-advice";

/** The default on a 1 GiB machine: below it, lowered on any host twscope meets, memory known or not. */
const BELOW_ANY_DEFAULT = 4096;

/** How tcp_max_tw_buckets = `max` compares with this host's default: "lowered", "set" by hand (default unknown), or null. */
export function judgeTwBuckets(max: number, ctx: RuleContext): { lowered: boolean; why: Message } | null {
  const def = ctx.twBucketsDefault;
  if (def) return max < def.atLeast ? { lowered: true, why: def.how } : null;
  if (max < BELOW_ANY_DEFAULT) return { lowered: true, why: say("twBuckets.belowAnyDefault", { floor: BELOW_ANY_DEFAULT }) };
  if (!isPowerOfTwo(max) && max < 262_144) return { lowered: false, why: say("twBuckets.setByHand") };
  return null;
}

export const twBucketsOverflow: Rule = {
  id: "tw-buckets-overflow",
  ...ruleText("tw-buckets-overflow"),
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    const overflowRate = ctx.rates?.twOverflowPerSec ?? null;
    const overflowTotal = ctx.sample.counters["TcpExt.TCPTimeWaitOverflow"] ?? 0;
    const rising = overflowRate !== null && overflowRate > 0;
    const sinceBoot = ctx.rates === null && overflowTotal > 0;
    const share = max && ctx.countKnown ? ctx.timeWait / max : null;
    if (!rising && !sinceBoot && (share === null || share < 0.8)) return null;
    const evidence: Message[] = [];
    if (share !== null)
      evidence.push(
        say("finding.twBucketsOverflow.share", { count: int(ctx.timeWait), share: percentOf(ctx.timeWait, max!), max: int(max!) }),
      );
    else evidence.push(max ? say("finding.twBucketsOverflow.noCount", { max: int(max) }) : say("finding.twBucketsOverflow.maxUnknown"));
    if (rising) evidence.push(say("finding.twBucketsOverflow.rising", { rate: perSecond(overflowRate!) }));
    else if (overflowTotal > 0)
      evidence.push(
        say(ctx.rates === null ? "finding.twBucketsOverflow.sinceBootOneSample" : "finding.twBucketsOverflow.sinceBootNoneSince", {
          count: int(overflowTotal),
        }),
      );
    const now = rising || (share !== null && share >= 1);
    const judged = max !== null ? judgeTwBuckets(max, ctx) : null;
    const serverSide = ctx.sample.timeWait.server >= ctx.sample.timeWait.client;
    return {
      ruleId: this.id,
      severity: now ? "critical" : "warning",
      title: now
        ? say("finding.twBucketsOverflow.titleOverflows")
        : share !== null && share >= 0.8
          ? say("finding.twBucketsOverflow.titleClose")
          : say("finding.twBucketsOverflow.titleSinceBoot"),
      evidence,
      remedies: [
        advise(
          "tcp-max-tw-buckets",
          judged?.lowered ? "recommended" : "possible",
          judged?.lowered ? say("why.twBucketsRaiseBack", { max: int(max!), why: judged.why }) : say("why.twBucketsOnlyRoom"),
        ),
        ...(serverSide ? serverSideFixes() : clientSideFixes(ctx)),
      ],
    };
  },
};

export const twBucketsLowered: Rule = {
  id: "tw-buckets-lowered",
  ...ruleText("tw-buckets-lowered"),
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    const judged = max === null ? null : judgeTwBuckets(max, ctx);
    if (!judged) return null;
    return {
      ruleId: this.id,
      severity: judged.lowered ? "warning" : "info",
      title: judged.lowered ? say("finding.twBucketsLowered.titleLowered") : say("finding.twBucketsLowered.titleSetByHand"),
      evidence: [say("finding.twBucketsLowered.value", { max: int(max!), why: judged.why })],
      remedies: [advise("tcp-max-tw-buckets", judged.lowered ? "recommended" : "possible", say("why.twBucketsRestore"))],
    };
  },
};
