import type { Message } from "../../i18n/message";
import type { ClientSideGroup, ServerSideGroup } from "../../types";
import type { RuleContext } from "../context";
import type { Rule } from "./rule";
import { advise, int, percentOf, perSecond, ruleText, say } from "./rule";
import { clientOwnerEvidence, serverOwnerEvidence } from "./owner-evidence";
import { clientSideFixes, recycleAdvice, serverSideFixes } from "./shared-advice";

/** TIME_WAIT on one local port from which the server side is worth a finding. */
const SERVER_SIDE_MIN = 500;
/** TIME_WAIT toward one destination from which client churn is worth a finding (about 17 new connections/s at 60 s). */
const CHURN_MIN = 1000;
/** Named one by one in the evidence; the rest are counted. */
const NAMED = 5;

const portName = (g: ServerSideGroup): Message =>
  g.listening === false ? say("closeSide.portNotListening", { port: g.port }) : say("closeSide.listeningPort", { port: g.port });

function named<T>(groups: T[], line: (g: T) => Message, more: "morePorts" | "moreDestinations"): Message[] {
  const out = groups.slice(0, NAMED).map(line);
  if (groups.length > NAMED) out.push(say(`closeSide.${more}`, { count: groups.length - NAMED }));
  return out;
}

export const serverClosesFirst: Rule = {
  id: "server-closes-first",
  ...ruleText("server-closes-first", { min: SERVER_SIDE_MIN }),
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
        say("closeSide.serverPort", {
          count: int(g.count),
          port: portName(g),
          share: percentOf(g.count, tw.total),
          total: int(tw.total),
          rate: perSecond(g.count / len),
          seconds: len,
        }),
      "morePorts",
    );
    evidence.push(...serverOwnerEvidence(ctx, top.port));
    if (tw.serverPorts > ports.length) evidence.push(say("closeSide.serverInAll", { count: int(tw.server), ports: tw.serverPorts }));
    if (ctx.rates?.passiveOpensPerSec) evidence.push(say("closeSide.accepted", { rate: perSecond(ctx.rates.passiveOpensPerSec) }));
    const title =
      top.listening === false
        ? say("closeSide.titleClosedHere", { port: top.port })
        : say("closeSide.titleServerCloses", { port: top.port });
    return {
      ruleId: this.id,
      severity: "warning",
      title,
      subject: { port: top.port },
      evidence,
      remedies: [
        ...serverSideFixes(),
        advise("so-linger-zero", "harmful", say("why.lingerLosesData")),
        advise("force-close-time-wait", "harmful", say("why.forceCloseRemovesProtection")),
        recycleAdvice(ctx),
      ],
    };
  },
};

const share = (g: ClientSideGroup, ctx: RuleContext) => (ctx.portRange ? g.count / ctx.portRange.size : 0);

export const clientPortExhaustion: Rule = {
  id: "client-port-exhaustion",
  ...ruleText("client-port-exhaustion"),
  evaluate(ctx) {
    const range = ctx.portRange;
    if (!range) return null;
    const full = ctx.sample.timeWait.byPeer.filter((g) => share(g, ctx) >= 0.5);
    const top = full[0];
    if (!top) return null;
    const evidence = named(
      full,
      (g) =>
        say("closeSide.peerOfRange", {
          count: int(g.count),
          peer: g.peer,
          share: percentOf(g.count, range.size),
          size: int(range.size),
          low: range.low,
          high: range.high,
        }),
      "moreDestinations",
    );
    evidence.push(...clientOwnerEvidence(ctx, top.peer));
    const opens = ctx.rates?.activeOpensPerSec ?? null;
    const len = ctx.twLength.seconds;
    if (opens !== null)
      evidence.push(
        say("closeSide.opensVsSustainable", { rate: perSecond(opens), sustainable: perSecond(range.size / len), seconds: len }),
      );
    const exhausted = share(top, ctx) >= 0.9;
    return {
      ruleId: this.id,
      severity: exhausted ? "critical" : "warning",
      title: say(exhausted ? "closeSide.titleExhausted" : "closeSide.titleRunningOut", { peer: top.peer }),
      subject: { destination: top.peer },
      evidence,
      remedies: [
        ...clientSideFixes(ctx),
        advise("widen-port-range", range.size < 28232 ? "recommended" : "possible", say("why.widenRelieves", { size: int(range.size) })),
        advise("bind-address-no-port", "possible", say("why.bindNoPort")),
        ...(ctx.sample.sysctls["net.ipv4.tcp_tw_reuse_delay"] !== undefined
          ? [advise("tcp-tw-reuse-delay", "possible", say("why.reuseDelay"))]
          : []),
        advise("so-linger-zero", "harmful", say("why.lingerUpstreamErrors")),
        recycleAdvice(ctx),
      ],
    };
  },
};

export const clientChurn: Rule = {
  id: "client-churn",
  ...ruleText("client-churn", { min: CHURN_MIN }),
  evaluate(ctx) {
    const churning = ctx.sample.timeWait.byPeer.filter((g) => g.count >= CHURN_MIN && share(g, ctx) < 0.5);
    const top = churning[0];
    if (!top) return null;
    const len = ctx.twLength.seconds;
    const range = ctx.portRange;
    const evidence = named(
      churning,
      (g) => {
        const churn = { count: int(g.count), peer: g.peer, rate: perSecond(g.count / len), seconds: len };
        return range
          ? say("closeSide.churnOfRange", { ...churn, share: percentOf(g.count, range.size), size: int(range.size) })
          : say("closeSide.churn", churn);
      },
      "moreDestinations",
    );
    evidence.push(...clientOwnerEvidence(ctx, top.peer));
    if (ctx.rates?.activeOpensPerSec) evidence.push(say("closeSide.opened", { rate: perSecond(ctx.rates.activeOpensPerSec) }));
    const warning = share(top, ctx) >= 0.25;
    return {
      ruleId: this.id,
      severity: warning ? "warning" : "info",
      title: say("closeSide.titleChurn", { peer: top.peer, count: int(top.count) }),
      subject: { destination: top.peer },
      evidence,
      remedies: clientSideFixes(ctx),
    };
  },
};
