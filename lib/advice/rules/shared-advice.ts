import type { RuleContext } from "../context";
import { kernelAtLeast } from "../kernel";
import type { RemedyAdvice } from "../types";
import { advise } from "./rule";

/** tcp_tw_recycle as a candidate fix: gone on this kernel, or harmful where it still exists. */
export function recycleAdvice(ctx: RuleContext): RemedyAdvice {
  if (ctx.kernel && kernelAtLeast(ctx.kernel, "4.12"))
    return advise("tcp-tw-recycle", "not-applicable", `removed in Linux 4.12; this host runs ${ctx.kernel.release}`);
  return advise("tcp-tw-recycle", "harmful", "drops connections from clients behind NAT; never a fix for TIME_WAIT");
}

/** tcp_tw_reuse for a host whose TIME_WAIT is on outgoing connections. */
function reuseForClients(ctx: RuleContext): RemedyAdvice {
  const reuse = ctx.sysctl("net.ipv4.tcp_tw_reuse");
  const timestamps = ctx.sysctl("net.ipv4.tcp_timestamps");
  if (reuse === 1 && timestamps !== 0)
    return advise("tcp-tw-reuse", "applied", "tcp_tw_reuse = 1 already lets new outgoing connections take over TIME_WAIT ports");
  if (timestamps === 0) return advise("tcp-tw-reuse", "possible", "would help only after tcp_timestamps is turned back on, on both ends");
  return advise(
    "tcp-tw-reuse",
    "possible",
    `tcp_tw_reuse = ${reuse ?? "?"}: setting 1 lets outgoing connections reuse TIME_WAIT ports safely by timestamps (medium risk)`,
  );
}

/** The design-level fixes for a server that closes first. */
export function serverSideFixes(): RemedyAdvice[] {
  return [
    advise("http-keep-alive", "recommended", "serve many requests per connection so far fewer connections close"),
    advise("client-active-close", "recommended", "let clients close first, and TIME_WAIT moves to them"),
    advise("scale-out", "possible", "spreads the same TIME_WAIT over more machines"),
    advise("tcp-tw-reuse", "not-applicable", "affects only outgoing connections; this TIME_WAIT is on listening ports"),
  ];
}

/** The design-level fixes for a client that churns short connections. */
export function clientSideFixes(ctx: RuleContext): RemedyAdvice[] {
  return [
    advise("connection-pooling", "recommended", "reuse connections to the destination instead of opening one per request"),
    advise("http-keep-alive", "recommended", "keep-alive on the client's HTTP connections to the upstream"),
    reuseForClients(ctx),
  ];
}
