import type { RuleContext } from "../context";
import { kernelAtLeast } from "../kernel";
import type { RemedyAdvice } from "../types";
import { advise, say } from "./rule";

/** tcp_tw_recycle as a candidate fix: gone on this kernel, or harmful where it still exists. */
export function recycleAdvice(ctx: RuleContext): RemedyAdvice {
  if (ctx.kernel && kernelAtLeast(ctx.kernel, "4.12"))
    return advise("tcp-tw-recycle", "not-applicable", say("why.recycleRemoved", { release: ctx.kernel.release }));
  return advise("tcp-tw-recycle", "harmful", say("why.recycleDropsNat"));
}

/** tcp_tw_reuse for a host whose TIME_WAIT is on outgoing connections. */
function reuseForClients(ctx: RuleContext): RemedyAdvice {
  const reuse = ctx.sysctl("net.ipv4.tcp_tw_reuse");
  const timestamps = ctx.sysctl("net.ipv4.tcp_timestamps");
  if (reuse === 1 && timestamps !== 0) return advise("tcp-tw-reuse", "applied", say("why.reuseAlreadyOn"));
  if (timestamps === 0) return advise("tcp-tw-reuse", "possible", say("why.reuseNeedsTimestamps"));
  return advise("tcp-tw-reuse", "possible", say("why.reuseWouldHelp", { reuse: reuse ?? "?" }));
}

/** The design-level fixes for a server that closes first. */
export function serverSideFixes(): RemedyAdvice[] {
  return [
    advise("http-keep-alive", "recommended", say("why.serverKeepAlive")),
    advise("client-active-close", "recommended", say("why.clientsCloseFirst")),
    advise("scale-out", "possible", say("why.scaleOut")),
    advise("tcp-tw-reuse", "not-applicable", say("why.reuseOnlyOutgoing")),
  ];
}

/** The design-level fixes for a client that churns short connections. */
export function clientSideFixes(ctx: RuleContext): RemedyAdvice[] {
  return [
    advise("connection-pooling", "recommended", say("why.pooling")),
    advise("http-keep-alive", "recommended", say("why.clientKeepAlive")),
    reuseForClients(ctx),
  ];
}
