import type { Remedy } from "../types";
import { SOURCES } from "./sources";

/**
 * Shortcuts that make TIME_WAIT disappear by destroying it. They are catalogued (stance "avoid") so
 * twscope can recognise them and warn; both carry a high risk and no copy-paste commands.
 */
export const LAST_RESORT_REMEDIES: readonly Remedy[] = [
  {
    id: "so-linger-zero",
    title: "Abort connections with SO_LINGER set to 0",
    kind: "design",
    stance: "avoid",
    summary:
      "With SO_LINGER enabled and a zero timeout, close() sends a RST instead of a FIN and the socket never enters TIME_WAIT. The peer sees the connection fail, and any data still queued in either direction is thrown away, so twscope lists this only to warn against it.",
    risk: "high",
    riskReason:
      "The peer gets 'connection reset' instead of an orderly end, unsent or unacknowledged data is discarded, and the guard TIME_WAIT keeps against stray segments of the old connection is gone. The articles that discuss it advise against it.",
    sideEffects: [
      "Peers log ECONNRESET; the Tcp EstabResets counter rises.",
      "Responses can be cut short when the RST overtakes data still in the send queue.",
      "Segments delayed in the network may be accepted by a later connection that reuses the same address and port pair.",
    ],
    prerequisites: ["Access to the application code: it is a per-socket option."],
    kernels: {},
    commands: null,
    steps: [
      "Prefer letting the client close, keep-alive or pooling: they remove the TIME_WAIT without losing data.",
      "Search the code for SO_LINGER with `l_linger = 0` (Java: `setSoLinger(true, 0)`) and remove it where it was added to avoid TIME_WAIT.",
      "If a case really needs an abortive close (say, dropping an abusive client), use it only after the application protocol has confirmed every byte was delivered.",
      "After removing it, expect EstabResets to fall and the TIME_WAIT count to rise to its true level; treat that count with the other remedies.",
    ],
    sources: [SOURCES.soLingerAnswer, SOURCES.csdnSoLinger],
  },
  {
    id: "force-close-time-wait",
    title: "Kill TIME_WAIT sockets by hand (ss -K)",
    kind: "manual",
    stance: "avoid",
    summary:
      "On kernels built with CONFIG_INET_DIAG_DESTROY, root can destroy selected sockets with `ss -K`, and recent kernels accept TIME_WAIT sockets as well. It clears the entries for the moment only: the next wave of short connections fills the table again.",
    risk: "high",
    riskReason:
      "Destroying a TIME_WAIT socket discards exactly the protection it exists for, so a delayed segment or a repeated FIN from the old connection can land in a new one on the same port pair. It needs root, many distribution kernels are built without the option, and it treats only the symptom.",
    sideEffects: [
      "New connections on the same address and port pair may receive stray segments meant for the killed ones.",
      "Nothing lasts: TIME_WAIT builds up again at the same rate.",
    ],
    prerequisites: [
      "A kernel built with CONFIG_INET_DIAG_DESTROY=y.",
      "Root (CAP_NET_ADMIN) in the network namespace that owns the sockets.",
      "A kernel that can destroy TIME_WAIT sockets (about 6.0 and later); older ones refuse them.",
    ],
    kernels: {
      since: "6.0",
      note: "ss -K (SOCK_DESTROY) is older, but could not remove TIME_WAIT sockets before about 6.0; check that the count drops after running it.",
    },
    commands: null,
    steps: [
      "Use it only as a stopgap while a real remedy is being rolled out.",
      "Check support: `grep CONFIG_INET_DIAG_DESTROY /boot/config-$(uname -r)` should print `=y`.",
      "Kill only the sockets in the way, filtered by destination, e.g. `ss -K -tn state time-wait dst 192.0.2.10 dport = :8080`.",
      "Count again with `ss -Htn state time-wait dst 192.0.2.10 | wc -l`; if nothing went away, this kernel cannot do it.",
    ],
    sources: [SOURCES.serverFault, SOURCES.rfc1122],
  },
];
