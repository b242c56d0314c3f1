/**
 * The pods of the lab's node `k8s-node`: each runs in a network and UTS namespace of its own inside
 * the node, named by its hostname as Kubernetes names a pod, and talks only over its own loopback.
 * `traffic` is the arguments of traffic/http-traffic.mjs; rates are requests per second.
 */
export interface PodSpec {
  name: string;
  /** The advisor's finding expected for the pod's namespace: a rule id, or "healthy". */
  situation: string;
  summary: string;
  sysctls: Record<string, string>;
  traffic: string[];
}

export const NODE_NAME = "k8s-node";

export const PODS: readonly PodSpec[] = [
  {
    name: "web-5d8f7",
    situation: "server-closes-first",
    summary: "HTTP server on 127.0.0.1:80 closing every connection itself, under 40 requests/s from a client in the pod",
    sysctls: {},
    traffic: ["--listen", "127.0.0.1:80", "--server-close", "--target", "127.0.0.1:80", "--rate", "40"],
  },
  {
    name: "api-client-7c4b9",
    situation: "client-port-exhaustion",
    summary:
      "client closing first at 30 requests/s toward a server on 127.0.0.1:8080 answering after 100 ms, with a 1,000-port range and tcp_tw_reuse 0 (the default 2 reuses TIME_WAIT ports on loopback)",
    sysctls: { "net.ipv4.ip_local_port_range": "40000 40999", "net.ipv4.tcp_tw_reuse": "0" },
    traffic: ["--listen", "127.0.0.1:8080", "--delay", "100", "--target", "127.0.0.1:8080", "--client-close", "--rate", "30"],
  },
  {
    name: "db-0",
    situation: "healthy",
    summary: "a listener on 127.0.0.1:5432 with 5 requests/s over keep-alive connections",
    sysctls: {},
    traffic: ["--listen", "127.0.0.1:5432", "--target", "127.0.0.1:5432", "--keepalive", "--rate", "5"],
  },
];
