import type { RuleContext } from "../context";
import { isPowerOfTwo } from "../tw-buckets-default";
import type { Rule } from "./rule";
import { advise, n, pct, perSec } from "./rule";
import { clientSideFixes, serverSideFixes } from "./shared-advice";

/** The default on a 1 GiB machine: below it, lowered on any host twscope meets, memory known or not. */
const BELOW_ANY_DEFAULT = 4096;

/** How tcp_max_tw_buckets = `max` compares with this host's default: "lowered", "set" by hand (default unknown), or null. */
export function judgeTwBuckets(max: number, ctx: RuleContext): { lowered: boolean; why: string } | null {
  const def = ctx.twBucketsDefault;
  if (def) return max < def.atLeast ? { lowered: true, why: def.how } : null;
  if (max < BELOW_ANY_DEFAULT)
    return { lowered: true, why: `below ${n(BELOW_ANY_DEFAULT)}, the default of a 1 GiB machine (MemTotal unknown)` };
  if (!isPowerOfTwo(max) && max < 262_144) {
    return {
      lowered: false,
      why: "set by hand (kernel defaults are powers of two); MemTotal unknown, so this host's default, and whether this is lower, cannot be told",
    };
  }
  return null;
}

export const twBucketsOverflow: Rule = {
  id: "tw-buckets-overflow",
  title: "TIME_WAIT at the tcp_max_tw_buckets limit",
  description:
    "TIME_WAIT near or over net.ipv4.tcp_max_tw_buckets, or TcpExt TCPTimeWaitOverflow above zero (it counts closing connections that got no TIME_WAIT socket because the table was full; rising between two samples, or since boot when there is one sample), whatever tcp_max_tw_buckets is or whether it is known: those connections lose the protection TIME_WAIT gives.",
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    const overflowRate = ctx.rates?.twOverflowPerSec ?? null;
    const overflowTotal = ctx.sample.counters["TcpExt.TCPTimeWaitOverflow"] ?? 0;
    const rising = overflowRate !== null && overflowRate > 0;
    const sinceBoot = ctx.rates === null && overflowTotal > 0;
    const share = max && ctx.countKnown ? ctx.timeWait / max : null;
    if (!rising && !sinceBoot && (share === null || share < 0.8)) return null;
    const evidence: string[] = [];
    if (share !== null) evidence.push(`${n(ctx.timeWait)} TIME_WAIT = ${pct(ctx.timeWait, max!)} of tcp_max_tw_buckets (${n(max!)})`);
    else evidence.push(max ? `tcp_max_tw_buckets = ${n(max)}; no TIME_WAIT count in the input` : "tcp_max_tw_buckets unknown");
    if (rising)
      evidence.push(
        `TCPTimeWaitOverflow rising at ${perSec(overflowRate!)}: closing connections get no TIME_WAIT socket, the table is full`,
      );
    else if (overflowTotal > 0)
      evidence.push(
        `TCPTimeWaitOverflow = ${n(overflowTotal)} since boot: TIME_WAIT sockets not created because the table was full${ctx.rates === null ? " (one sample: whether it still rises needs a second)" : ", none since the sample before"}`,
      );
    const now = rising || (share !== null && share >= 1);
    const judged = max !== null ? judgeTwBuckets(max, ctx) : null;
    const serverSide = ctx.sample.timeWait.server >= ctx.sample.timeWait.client;
    return {
      ruleId: this.id,
      severity: now ? "critical" : "warning",
      title: now
        ? "TIME_WAIT overflows tcp_max_tw_buckets: closing connections get no TIME_WAIT socket"
        : share !== null && share >= 0.8
          ? "TIME_WAIT close to tcp_max_tw_buckets"
          : "TIME_WAIT sockets were destroyed at the tcp_max_tw_buckets limit since boot",
      evidence,
      remedies: [
        advise(
          "tcp-max-tw-buckets",
          judged?.lowered ? "recommended" : "possible",
          judged?.lowered
            ? `${n(max!)} is below this host's default (${judged.why}): raise it back`
            : "raising it only makes room; the sockets still come from the same traffic",
        ),
        ...(serverSide ? serverSideFixes() : clientSideFixes(ctx)),
      ],
    };
  },
};

export const twBucketsLowered: Rule = {
  id: "tw-buckets-lowered",
  title: "tcp_max_tw_buckets lowered",
  description:
    "net.ipv4.tcp_max_tw_buckets below this host's kernel default (half the established hash, which the kernel sizes from memory: at least the value MemTotal gives; below 4,096 when memory is unknown), or a hand-set value that is not a power of two: lowering it hides TIME_WAIT by destroying sockets early, which the kernel documentation advises against.",
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    const judged = max === null ? null : judgeTwBuckets(max, ctx);
    if (!judged) return null;
    return {
      ruleId: this.id,
      severity: judged.lowered ? "warning" : "info",
      title: judged.lowered ? "tcp_max_tw_buckets lowered to hide TIME_WAIT" : "tcp_max_tw_buckets set by hand",
      evidence: [`tcp_max_tw_buckets = ${n(max!)}: ${judged.why}`],
      remedies: [
        advise(
          "tcp-max-tw-buckets",
          judged.lowered ? "recommended" : "possible",
          "restore the default; fix the traffic that creates TIME_WAIT instead",
        ),
      ],
    };
  },
};
