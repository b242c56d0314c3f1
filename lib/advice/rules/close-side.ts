import type { ClientSideGroup, ServerSideGroup } from "../../types";
import type { RuleContext } from "../context";
import type { Rule } from "./rule";
import { advise, n, pct, perSec } from "./rule";
import { clientOwnerEvidence, serverOwnerEvidence } from "./owner-evidence";
import { clientSideFixes, recycleAdvice, serverSideFixes } from "./shared-advice";

/** TIME_WAIT on one local port from which the server side is worth a finding. */
const SERVER_SIDE_MIN = 500;
/** TIME_WAIT toward one destination from which client churn is worth a finding (about 17 new connections/s at 60 s). */
const CHURN_MIN = 1000;
/** Named one by one in the evidence; the rest are counted. */
const NAMED = 5;

const portName = (g: ServerSideGroup) =>
  g.listening === false ? `port ${g.port} (not listening now, outside ip_local_port_range)` : `listening port ${g.port}`;

function named<T>(groups: T[], line: (g: T) => string, what: string): string[] {
  const out = groups.slice(0, NAMED).map(line);
  if (groups.length > NAMED) out.push(`and ${groups.length - NAMED} more ${what}`);
  return out;
}

export const serverClosesFirst: Rule = {
  id: "server-closes-first",
  title: "The server closes first",
  description: `At least ${SERVER_SIDE_MIN} TIME_WAIT sockets on one local port that listens (or lies outside ip_local_port_range), judged port by port whatever else the host holds; or server side TIME_WAIT of ${SERVER_SIDE_MIN} or more spread over ports and most of the total: this host's server closes connections itself (no keep-alive, or it ends each response by closing).`,
  evaluate(ctx) {
    const tw = ctx.sample.timeWait;
    const busy = tw.byListeningPort.filter((g) => g.count >= SERVER_SIDE_MIN);
    const spread = busy.length === 0 && tw.server >= SERVER_SIDE_MIN && tw.server >= 0.5 * tw.total;
    const ports = spread ? tw.byListeningPort.slice(0, 1) : busy;
    const top = ports[0];
    if (!top) return null;
    const len = ctx.twLength.seconds;
    const evidence = named(
      ports,
      (g) =>
        `${n(g.count)} TIME_WAIT on ${portName(g)} = ${pct(g.count, tw.total)} of all ${n(tw.total)}: about ${perSec(g.count / len)} connections closed here first over the last ${len} s`,
      "ports",
    );
    evidence.push(...serverOwnerEvidence(ctx, top.port));
    if (tw.serverPorts > ports.length) evidence.push(`${n(tw.server)} server side on ${tw.serverPorts} ports in all`);
    if (ctx.rates?.passiveOpensPerSec) evidence.push(`${perSec(ctx.rates.passiveOpensPerSec)} connections accepted`);
    const title =
      top.listening === false
        ? `Connections on port ${top.port} were closed here first (no longer listening)`
        : `The server on port ${top.port} closes connections first`;
    return {
      ruleId: this.id,
      severity: "warning",
      title,
      subject: { port: top.port },
      evidence,
      remedies: [
        ...serverSideFixes(),
        advise("so-linger-zero", "harmful", "resets connections instead of closing them; in-flight data can be lost"),
        advise("force-close-time-wait", "harmful", "removes the protection TIME_WAIT gives against stray old segments"),
        recycleAdvice(ctx),
      ],
    };
  },
};

const share = (g: ClientSideGroup, ctx: RuleContext) => (ctx.portRange ? g.count / ctx.portRange.size : 0);

export const clientPortExhaustion: Rule = {
  id: "client-port-exhaustion",
  title: "Client-side port exhaustion toward one destination",
  description:
    "TIME_WAIT toward a destination (ip:port) at 50% or more of net.ipv4.ip_local_port_range, judged destination by destination: each one holds a local port for the TIME_WAIT length (60 s in mainline, tcp_tw_timeout where a vendor kernel has it), and at 100% connect() fails with EADDRNOTAVAIL. The sustainable rate to one destination is about range size / TIME_WAIT length.",
  evaluate(ctx) {
    const range = ctx.portRange;
    if (!range) return null;
    const full = ctx.sample.timeWait.byPeer.filter((g) => share(g, ctx) >= 0.5);
    const top = full[0];
    if (!top) return null;
    const evidence = named(
      full,
      (g) =>
        `${n(g.count)} TIME_WAIT to ${g.peer} = ${pct(g.count, range.size)} of the ${n(range.size)}-port range (${range.low}–${range.high})`,
      "destinations",
    );
    evidence.push(...clientOwnerEvidence(ctx, top.peer));
    const opens = ctx.rates?.activeOpensPerSec ?? null;
    const len = ctx.twLength.seconds;
    if (opens !== null)
      evidence.push(
        `new outgoing connections at ${perSec(opens)} against ${perSec(range.size / len)} sustainable to one destination (range / ${len} s)`,
      );
    const exhausted = share(top, ctx) >= 0.9;
    return {
      ruleId: this.id,
      severity: exhausted ? "critical" : "warning",
      title: `Local ports to ${top.peer} ${exhausted ? "exhausted" : "running out"}`,
      subject: { destination: top.peer },
      evidence,
      remedies: [
        ...clientSideFixes(ctx),
        advise("widen-port-range", range.size < 28232 ? "recommended" : "possible", `${n(range.size)} ports now; relieves, does not fix`),
        advise("bind-address-no-port", "possible", "for clients that bind before connect, or can spread over several source addresses"),
        ...(ctx.sample.sysctls["net.ipv4.tcp_tw_reuse_delay"] !== undefined
          ? [
              advise(
                "tcp-tw-reuse-delay",
                "possible",
                "this kernel has it: with tcp_tw_reuse, sets how old a TIME_WAIT socket must be before reuse",
              ),
            ]
          : []),
        advise("so-linger-zero", "harmful", "resets connections; the upstream sees errors"),
        recycleAdvice(ctx),
      ],
    };
  },
};

export const clientChurn: Rule = {
  id: "client-churn",
  title: "Client-side churn toward one destination",
  description: `At least ${n(CHURN_MIN)} TIME_WAIT toward one destination that holds less than 50% of the local port range: this host opens and closes short connections to it (about count / TIME_WAIT length per second). A warning from 25% of the range, judged destination by destination whatever else the host holds.`,
  evaluate(ctx) {
    const churning = ctx.sample.timeWait.byPeer.filter((g) => g.count >= CHURN_MIN && share(g, ctx) < 0.5);
    const top = churning[0];
    if (!top) return null;
    const len = ctx.twLength.seconds;
    const range = ctx.portRange;
    const evidence = named(
      churning,
      (g) =>
        `${n(g.count)} TIME_WAIT to ${g.peer}: about ${perSec(g.count / len)} new connections over the last ${len} s${range ? `, ${pct(g.count, range.size)} of the ${n(range.size)}-port range` : ""}`,
      "destinations",
    );
    evidence.push(...clientOwnerEvidence(ctx, top.peer));
    if (ctx.rates?.activeOpensPerSec) evidence.push(`${perSec(ctx.rates.activeOpensPerSec)} outgoing connections opened`);
    const warning = share(top, ctx) >= 0.25;
    return {
      ruleId: this.id,
      severity: warning ? "warning" : "info",
      title: `Short connections to ${top.peer}: ${n(top.count)} in TIME_WAIT`,
      subject: { destination: top.peer },
      evidence,
      remedies: clientSideFixes(ctx),
    };
  },
};
