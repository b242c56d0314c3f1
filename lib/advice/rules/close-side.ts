import type { Rule } from "./rule";
import { advise, n, pct, perSec } from "./rule";
import { clientSideFixes, recycleAdvice, serverSideFixes } from "./shared-advice";

const SERVER_SIDE_MIN = 500;

export const serverClosesFirst: Rule = {
  id: "server-closes-first",
  title: "The server closes first",
  description: `At least ${SERVER_SIDE_MIN} TIME_WAIT sockets, most of them on a listening port: this host's server closes connections itself (no keep-alive, or it ends each response by closing).`,
  evaluate(ctx) {
    const tw = ctx.sample.timeWait;
    const top = tw.byListeningPort[0];
    if (!top || tw.server < SERVER_SIDE_MIN || tw.server < 0.5 * tw.total) return null;
    const evidence = [`${n(top.count)} TIME_WAIT on listening port ${top.port} = ${pct(top.count, tw.total)} of all ${n(tw.total)}`];
    if (tw.serverPorts > 1) evidence.push(`${n(tw.server)} on ${tw.serverPorts} listening ports in all`);
    if (ctx.rates?.passiveOpensPerSec) evidence.push(`${perSec(ctx.rates.passiveOpensPerSec)} connections accepted`);
    return {
      ruleId: this.id, severity: "warning", title: `The server on port ${top.port} closes connections first`, evidence,
      remedies: [
        ...serverSideFixes(),
        advise("so-linger-zero", "harmful", "resets connections instead of closing them; in-flight data can be lost"),
        advise("force-close-time-wait", "harmful", "removes the protection TIME_WAIT gives against stray old segments"),
        recycleAdvice(ctx),
      ],
    };
  },
};

export const clientPortExhaustion: Rule = {
  id: "client-port-exhaustion",
  title: "Client-side port exhaustion toward one destination",
  description: "TIME_WAIT toward one destination (ip:port) at 50% or more of net.ipv4.ip_local_port_range: each one holds a local port for 60 s, and at 100% connect() fails with EADDRNOTAVAIL. The sustainable rate to one destination is about range size / 60 s.",
  evaluate(ctx) {
    const top = ctx.sample.timeWait.byPeer[0];
    const range = ctx.portRange;
    if (!top || !range) return null;
    const share = top.count / range.size;
    if (share < 0.5) return null;
    const evidence = [`${n(top.count)} TIME_WAIT to ${top.peer} = ${pct(top.count, range.size)} of the ${n(range.size)}-port range (${range.low}–${range.high})`];
    const opens = ctx.rates?.activeOpensPerSec ?? null;
    const sustainable = range.size / 60;
    if (opens !== null) evidence.push(`new outgoing connections at ${perSec(opens)} against ${perSec(sustainable)} sustainable to one destination (range / 60 s)`);
    return {
      ruleId: this.id, severity: share >= 0.9 ? "critical" : "warning",
      title: `Local ports to ${top.peer} ${share >= 0.9 ? "exhausted" : "running out"}`, evidence,
      remedies: [
        ...clientSideFixes(ctx),
        advise("widen-port-range", range.size < 28232 ? "recommended" : "possible", `${n(range.size)} ports now; relieves, does not fix`),
        advise("bind-address-no-port", "possible", "for clients that bind before connect, or can spread over several source addresses"),
        ...(ctx.sample.sysctls["net.ipv4.tcp_tw_reuse_delay"] !== undefined
          ? [advise("tcp-tw-reuse-delay", "possible", "this kernel has it: with tcp_tw_reuse, sets how old a TIME_WAIT socket must be before reuse")]
          : []),
        advise("so-linger-zero", "harmful", "resets connections; the upstream sees errors"),
        recycleAdvice(ctx),
      ],
    };
  },
};
