import type { Rule } from "./rule";
import { advise, n, pct, perSec } from "./rule";
import { clientSideFixes, serverSideFixes } from "./shared-advice";

/** Defaults are half the established hash size: far above this on any machine with ≥ 1 GiB. */
const LOWERED_BELOW = 4096;

export const twBucketsOverflow: Rule = {
  id: "tw-buckets-overflow",
  title: "TIME_WAIT at the tcp_max_tw_buckets limit",
  description: "TIME_WAIT near or over net.ipv4.tcp_max_tw_buckets, or TcpExt TCPTimeWaitOverflow rising (it counts closing connections that got no TIME_WAIT socket because the table was full): those connections lose the protection TIME_WAIT gives.",
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    if (!max) return null;
    const overflowRate = ctx.rates?.twOverflowPerSec ?? null;
    const overflowTotal = ctx.sample.counters["TcpExt.TCPTimeWaitOverflow"] ?? 0;
    const share = ctx.timeWait / max;
    const rising = overflowRate !== null && overflowRate > 0;
    if (share < 0.8 && !rising && !(ctx.rates === null && overflowTotal > 0 && share >= 0.5)) return null;
    const evidence = [`${n(ctx.timeWait)} TIME_WAIT = ${pct(ctx.timeWait, max)} of tcp_max_tw_buckets (${n(max)})`];
    if (rising) evidence.push(`TCPTimeWaitOverflow rising at ${perSec(overflowRate!)}: closing connections get no TIME_WAIT socket, the table is full`);
    else if (overflowTotal > 0) evidence.push(`TCPTimeWaitOverflow = ${n(overflowTotal)} since boot: TIME_WAIT sockets not created because the table was full`);
    const serverSide = ctx.sample.timeWait.server >= ctx.sample.timeWait.client;
    return {
      ruleId: this.id,
      severity: rising || share >= 1 ? "critical" : "warning",
      title: rising || share >= 1 ? "TIME_WAIT overflows tcp_max_tw_buckets: new ones are destroyed at once" : "TIME_WAIT close to tcp_max_tw_buckets",
      evidence,
      remedies: [
        advise("tcp-max-tw-buckets", max < LOWERED_BELOW ? "recommended" : "possible",
          max < LOWERED_BELOW ? `${n(max)} is far below any default: raise it back` : "raising it only makes room; the sockets still come from the same traffic"),
        ...(serverSide ? serverSideFixes() : clientSideFixes(ctx)),
      ],
    };
  },
};

export const twBucketsLowered: Rule = {
  id: "tw-buckets-lowered",
  title: "tcp_max_tw_buckets lowered",
  description: `net.ipv4.tcp_max_tw_buckets below ${LOWERED_BELOW}: lowering it hides TIME_WAIT by destroying sockets early, which the kernel documentation advises against.`,
  evaluate(ctx) {
    const max = ctx.sysctl("net.ipv4.tcp_max_tw_buckets");
    if (max === null || max >= LOWERED_BELOW) return null;
    return {
      ruleId: this.id, severity: "warning", title: "tcp_max_tw_buckets lowered to hide TIME_WAIT",
      evidence: [`tcp_max_tw_buckets = ${n(max)}; kernel defaults are half the established hash size, tens of thousands or more`],
      remedies: [advise("tcp-max-tw-buckets", "recommended", "restore the default; fix the traffic that creates TIME_WAIT instead")],
    };
  },
};
