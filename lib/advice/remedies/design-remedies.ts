import type { Remedy } from "../types";
import { SOURCES } from "./sources";

/** Remedies that change how applications or the fleet use connections: steps, no shell commands. */
export const DESIGN_REMEDIES: readonly Remedy[] = [
  {
    id: "client-active-close",
    title: "Let the client close the connection",
    kind: "design",
    stance: "do",
    summary:
      "TIME_WAIT stays with whichever end sends the first FIN. When the protocol tells the client where a response ends and the client is the one that hangs up, the TIME_WAIT entries are spread thinly over many clients instead of piling up on one server.",
    risk: "low",
    riskReason:
      "Nothing changes on the host itself: no kernel setting is touched. The cost is development work on both ends, and a server-side idle timeout is still needed for clients that never hang up.",
    sideEffects: [
      "Clients now carry the TIME_WAIT entries; a client that opens many short connections to the same server may run short of ports itself (see connection pooling).",
      "The server still needs an idle timeout as a backstop for clients that misbehave.",
    ],
    prerequisites: [
      "The TIME_WAIT sockets sit on the server's listening port, which twscope reports as server-side TIME_WAIT.",
      "You control, or can influence, the client and the protocol.",
    ],
    kernels: {},
    commands: null,
    steps: [
      "Confirm the server closes first: its TIME_WAIT sockets have a listening port (as listed by `ss -Hltn`) as their local port.",
      "Make every response self-delimiting (Content-Length, chunked encoding, or a length prefix in a custom protocol) so the client knows it has everything and can close by itself.",
      "HTTP clients: do not send `Connection: close`; an HTTP/1.1 server that receives it closes first and keeps the TIME_WAIT. Read the body to the end, then close the socket or hand it back to a pool.",
      "Servers: do not close after each reply; keep idle connections open with a timeout longer than the clients' idle timeout, so that clients normally close first.",
      "Custom protocols where the server must end a session: send a 'please disconnect' message, let the client call close() first, and close from the server only after a timeout.",
      "Check afterwards that TIME_WAIT on the listening port falls while the PassiveOpens rate stays the same.",
    ],
    sources: [SOURCES.coolshell, SOURCES.soLingerAnswer, SOURCES.serverFramework],
  },
  {
    id: "http-keep-alive",
    title: "Use HTTP keep-alive (persistent connections)",
    kind: "design",
    stance: "do",
    summary:
      "Carrying many HTTP requests over one TCP connection means far fewer connections are opened and closed, so far fewer sockets end in TIME_WAIT on either side. It pays off most between a reverse proxy and its upstream servers, where keep-alive is often off unless configured.",
    risk: "low",
    riskReason:
      "Persistent connections are ordinary HTTP/1.1 behaviour. Idle connections stay open, though, and each costs the server memory, a file descriptor and, on process- or thread-per-connection servers, a whole worker.",
    sideEffects: [
      "Idle connections hold server memory and file descriptors; servers such as Apache prefork tie up a worker per idle connection.",
      "Browsers keep connections as long as they are allowed to, so a long keepalive_timeout multiplies idle connections.",
      "Load spreads less evenly over backends because connections stick to the backend they first reached.",
    ],
    prerequisites: [
      "Both ends speak HTTP/1.1 or later (or HTTP/1.0 with explicit keep-alive).",
      "Enough file descriptors and worker connections on the server for the extra idle connections.",
    ],
    kernels: {},
    commands: null,
    steps: [
      "nginx facing clients: keep `keepalive_timeout` above zero in the http block, e.g. `keepalive_timeout 65s;` and `keepalive_requests 1000;`.",
      'nginx to upstreams: add `keepalive 32;` inside the `upstream { }` block, and `proxy_http_version 1.1;` plus `proxy_set_header Connection "";` in the location that proxies to it.',
      "Application HTTP clients: create one client per process and reuse it (Node `new http.Agent({ keepAlive: true })`, Python `requests.Session()`, a single Go `http.Client` whose response bodies are read to the end and closed).",
      "Remove `Connection: close` headers added by clients, proxies or load balancers, and set the client's idle timeout shorter than the server's so the client closes first.",
      "Check that the TIME_WAIT creation rate (TcpExt TW) and the ActiveOpens/PassiveOpens rates drop.",
    ],
    sources: [SOURCES.coolshell, SOURCES.httpPersistent, SOURCES.csdnOverview],
  },
  {
    id: "connection-pooling",
    title: "Keep long-lived connections in a pool or a local proxy",
    kind: "design",
    stance: "do",
    summary:
      "Rather than opening a new TCP connection for every database, cache or API call, keep a few connections open and reuse them. Runtimes that start afresh for each request, such as PHP under PHP-FPM, need a pooling proxy on the same host to hold those connections for them.",
    risk: "medium",
    riskReason:
      "Long-lived connections use server memory and count against its connection limit, stale connections appear after restarts or failovers, and session state (open transactions, variables, prepared statements) can leak between users of a shared connection.",
    sideEffects: [
      "The backend sees fewer but longer connections; its connection limit and memory must cover the pools of every client.",
      "Pools need health checks or a maximum lifetime so connections broken by a failover get replaced.",
      "Proxies that pool per transaction lose some session features, such as session-level prepared statements or advisory locks.",
    ],
    prerequisites: [
      "The TIME_WAIT sockets are on ephemeral local ports toward a few backend ip:port pairs (client-side churn).",
      "The backend can accept the number of connections the pools will keep open.",
    ],
    kernels: {},
    commands: null,
    steps: [
      "Find the churning destinations in twscope's TIME_WAIT breakdown by remote ip:port.",
      "Long-running services: use the driver's own pool and size it to the usual concurrency (Go database/sql `SetMaxIdleConns`, HikariCP in Java, one shared HTTP agent in Node).",
      "PHP-FPM and other per-request runtimes: run a pooling proxy on the host (PgBouncer for PostgreSQL, ProxySQL for MySQL, nginx upstream keepalive for HTTP) and reach it over a Unix socket, or over localhost where the default tcp_tw_reuse=2 already recycles ports; PHP persistent connections (PDO::ATTR_PERSISTENT) are a per-worker alternative.",
      "Set the pool's idle timeout and maximum lifetime below the server's idle timeout so the pool, not the server, closes first.",
      "Check that ActiveOpens and TIME_WAIT toward those destinations drop and that the backend stays within its connection limit.",
    ],
    sources: [SOURCES.csdnOverview],
  },
  {
    id: "bind-address-no-port",
    title: "Spread heavy clients over several source IPs (IP_BIND_ADDRESS_NO_PORT)",
    kind: "design",
    stance: "do",
    summary:
      "A client can keep at most one port range's worth of connections per source IP toward one destination. Giving the host extra addresses and binding each socket to one of them with IP_BIND_ADDRESS_NO_PORT set multiplies that ceiling, because the port is then picked at connect() time against the whole four-tuple instead of being reserved at bind() time.",
    risk: "medium",
    riskReason:
      "The socket option alone is harmless, but extra source addresses need routing, firewall and allow-list changes toward the destination, and code that binds without the option uses up ports faster than before.",
    sideEffects: [
      "Destinations see the service arrive from several addresses; allow-lists, rate limits and log analysis must include all of them.",
      "IP_LOCAL_PORT_RANGE (Linux 6.3) narrows the range per socket, handy for giving processes disjoint ranges, but a narrow range is exhausted sooner.",
    ],
    prerequisites: [
      "Linux 4.2 or later for IP_BIND_ADDRESS_NO_PORT; 6.3 or later for IP_LOCAL_PORT_RANGE.",
      "Spare addresses that are routable from this host to the destination.",
      "Access to the client's code or configuration: the option is set on each socket.",
    ],
    kernels: { since: "4.2", note: "IP_LOCAL_PORT_RANGE since Linux 6.3." },
    commands: null,
    steps: [
      "Confirm that ports run out toward one destination: its TIME_WAIT count approaches the size of ip_local_port_range.",
      "Add source addresses, e.g. `ip addr add 192.0.2.11/24 dev eth0`, and make them permanent in the distribution's network configuration.",
      "In the client, before bind(): `setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one)`, then bind() to one of the addresses with port 0 and connect() as usual, rotating addresses across connections.",
      "nginx as the client: spread upstream connections with `split_clients` (or `map`) into a variable and `proxy_bind $that_variable;`.",
      "Check that each source address carries its share and that EADDRNOTAVAIL errors stop.",
    ],
    sources: [SOURCES.bindAddressNoPort, SOURCES.localPortRangeOption, SOURCES.ipSysctl],
  },
  {
    id: "scale-out",
    title: "Add servers and spread the short connections",
    kind: "design",
    stance: "do",
    summary:
      "When connection churn is inherent to the workload and the other remedies are used up, put more machines behind the load balancer (or more hosts in a client fleet) so each carries a share of the TIME_WAIT sockets and ports. The cnblogs article's example splits about 100,000 concurrent short requests between two machines.",
    risk: "low",
    riskReason:
      "Nothing changes on the existing hosts, so the technical risk is small; the cost is money for the extra machines. It also shifts attention to the load balancer, which holds TIME_WAIT itself if it closes its backend connections first.",
    sideEffects: [
      "Hardware or cloud spending, and more hosts to run.",
      "A load balancer that closes each backend connection first collects the TIME_WAIT entries itself; give it keep-alive to the backends.",
    ],
    prerequisites: [
      "The bottleneck really is TIME_WAIT-related (ports or the TIME_WAIT cap), not CPU or bandwidth.",
      "The service can run on more than one host (no local state in the way).",
    ],
    kernels: {},
    commands: null,
    steps: [
      "Estimate what one host sustains: without reuse, about (ports in ip_local_port_range) / 60 new connections per second per destination and source IP.",
      "Add hosts behind the load balancer, or more client hosts, until each one runs well below that rate.",
      "Turn on keep-alive between the load balancer and the backends so the balancer does not become the new TIME_WAIT hotspot.",
      "Compare per-host TIME_WAIT counts and connection rates in twscope before and after.",
    ],
    sources: [SOURCES.cnblogs],
  },
];
