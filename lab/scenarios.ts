import { NODE_NAME } from "./k8s-node/pods";

/**
 * The lab's named situations, each reproducing one case of ../shared knowledge on TIME_WAIT.
 * `traffic` returns the arguments of traffic/http-traffic.mjs for the host (`self`) given the
 * upstream's address; rates are requests per second.
 */
export interface Scenario {
  name: string;
  summary: string;
  sysctls: Record<string, string>;
  traffic: (self: string, upstream: string) => string[];
  /** Probed without the sudo rule that every other scenario host has: what an unprivileged account sees of the processes. */
  unprivileged?: true;
  /** A node whose traffic runs in its pods (k8s-node/pods.ts), not on the host itself. */
  node?: true;
}

export const UPSTREAM = "upstream";

export const SCENARIOS: readonly Scenario[] = [
  {
    name: UPSTREAM,
    summary: "HTTP server on :8080 that never closes first and answers after 100 ms; the destination of the client scenarios",
    sysctls: {},
    traffic: (self) => ["--listen", `${self}:8080`, "--delay", "100"],
  },
  {
    name: "web-active-close",
    summary: "HTTP server on :80 closing every connection itself (no keep-alive) under a stream of short requests",
    sysctls: {},
    traffic: (self) => ["--listen", `${self}:80`, "--server-close", "--target", `${self}:80`, "--rate", "60"],
  },
  {
    name: "client-port-exhaustion",
    summary: "client opening short connections to upstream:8080 and closing first, with a 1,000-port ip_local_port_range",
    sysctls: { "net.ipv4.ip_local_port_range": "40000 40999" },
    traffic: (_self, upstream) => ["--target", `${upstream}:8080`, "--client-close", "--rate", "50"],
  },
  {
    name: "tw-bucket-overflow",
    summary: "tcp_max_tw_buckets lowered to 200 under server-side churn",
    sysctls: { "net.ipv4.tcp_max_tw_buckets": "200" },
    traffic: (self) => ["--listen", `${self}:80`, "--server-close", "--target", `${self}:80`, "--rate", "60"],
  },
  {
    name: "reuse-without-timestamps",
    summary: "tcp_tw_reuse=1 with tcp_timestamps=0, client churn toward upstream",
    sysctls: { "net.ipv4.tcp_tw_reuse": "1", "net.ipv4.tcp_timestamps": "0" },
    traffic: (_self, upstream) => ["--target", `${upstream}:8080`, "--client-close", "--rate", "10"],
    unprivileged: true,
  },
  {
    name: "fin-timeout-myth",
    summary: "tcp_fin_timeout lowered to 5 as if it shortened TIME_WAIT, with server-side churn",
    sysctls: { "net.ipv4.tcp_fin_timeout": "5" },
    traffic: (self) => ["--listen", `${self}:80`, "--server-close", "--target", `${self}:80`, "--rate", "20"],
  },
  {
    name: "keepalive-healthy",
    summary: "the request rate of web-active-close over keep-alive connections",
    sysctls: {},
    traffic: (self) => ["--listen", `${self}:80`, "--target", `${self}:80`, "--keepalive", "--rate", "60"],
  },
  {
    name: NODE_NAME,
    summary: "a node whose pods churn connections, each pod's TIME_WAIT in a network namespace of its own",
    sysctls: {},
    traffic: () => [],
    node: true,
  },
];
