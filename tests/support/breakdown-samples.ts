import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { HostSample, SampleRates } from "@/lib/types";
import { readFixture } from "./fixtures";

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

const base = parseProbeBundle(readFixture("bundles", "lab", "web-active-close.txt"));

/** A real lab sample whose TIME_WAIT breakdowns are replaced by the given counts per listening port and per destination. */
export function sampleWithBreakdowns(ports: Record<number, number>, peers: Record<string, number>): HostSample {
  const byListeningPort = Object.entries(ports).map(([port, count]) => ({ port: Number(port), count }));
  const byPeer = Object.entries(peers).map(([peer, count]) => ({ peer, count }));
  const server = byListeningPort.reduce((s, g) => s + g.count, 0);
  const client = byPeer.reduce((s, g) => s + g.count, 0);
  return {
    ...base,
    sockstat: { ...base.sockstat, tcpTw: server + client },
    states: { ...base.states, "TIME-WAIT": server + client },
    timeWait: {
      total: server + client,
      server,
      client,
      serverPorts: byListeningPort.length,
      clientPeers: byPeer.length,
      byListeningPort,
      byPeer,
    },
  };
}
