import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { HostSample } from "@/lib/types";
import { readFixture } from "./fixtures";

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

/** Replaces a sample's TIME_WAIT count and breakdown, in place, by the given [port, count] and [destination, count] groups; returns the sample. */
export function withTimeWait(s: HostSample, ports: [number, number][], peers: [string, number][], listening?: false) {
  const server = ports.reduce((a, [, c]) => a + c, 0);
  const client = peers.reduce((a, [, c]) => a + c, 0);
  s.sockstat.tcpTw = server + client;
  s.timeWait = {
    total: server + client,
    server,
    client,
    serverPorts: ports.length,
    clientPeers: peers.length,
    byListeningPort: ports.map(([port, count]) => (listening === false ? { port, count, listening } : { port, count })),
    byPeer: peers.map(([peer, count]) => ({ peer, count })),
  };
  return s;
}
