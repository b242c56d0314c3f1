import type { HostTransport } from "../types";

export interface EndpointHost {
  transport: HostTransport;
  address: string;
  port: number;
  /** Empty or absent in a snapshot, which stores no SSH user. */
  username?: string;
}

/** What to write for a host that has no SSH endpoint, by transport. */
export type NoSshLabels = Record<Exclude<HostTransport, "ssh">, string>;

/** Where twscope reaches a host: `user@address:port`, `address:port` without a user, or the label of its transport. */
export function formatEndpoint(host: EndpointHost, labels: NoSshLabels): string {
  if (host.transport !== "ssh") return labels[host.transport];
  return `${host.username ? `${host.username}@` : ""}${host.address}:${host.port}`;
}
