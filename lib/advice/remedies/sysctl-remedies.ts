import type { Remedy } from "../types";
import { SOURCES } from "./sources";

/*
 * Kernel-setting remedies. Conventions for the shell lines:
 * - runtime: `sysctl -w`, after saving the current value to /var/tmp/twscope-<key>.before where the
 *   rollback cannot simply restore a fixed default;
 * - persist: a file /etc/sysctl.d/60-twscope-<name>.conf and `sysctl --system`. Remedies that undo a
 *   harmful setting also comment out the offending lines in /etc/sysctl.conf and /etc/sysctl.d/*.conf
 *   with the marker "# twscope-disabled: " (a line there would otherwise win: /etc/sysctl.conf is read last);
 * - rollback: remove the twscope file, strip the marker again, set the default (or the saved value)
 *   with `sysctl -w`, then `sysctl --system` so whatever else is configured applies as after a reboot.
 */
export const SYSCTL_REMEDIES: readonly Remedy[] = [
  {
    id: "tcp-tw-reuse",
    title: "Let outgoing connections reuse TIME_WAIT ports (tcp_tw_reuse = 1)",
    kind: "sysctl",
    stance: "do",
    summary:
      "When this host is the one opening connections, the kernel may give a new connect() a local port that a TIME_WAIT socket still holds, as long as TCP timestamps show the old and new segments apart. That relieves ephemeral-port exhaustion toward busy destinations; TIME_WAIT sockets left on the accepting side of connections are untouched.",
    risk: "medium",
    riskReason:
      "Reuse is only safe while both ends send timestamps, the author of the source article still expects odd corner cases, and the kernel documentation wants expert advice before anyone changes it. On a host that mostly accepts connections it changes nothing.",
    sideEffects: [
      "A new connection can start on a port whose previous connection ended about a second earlier; timestamps reject late packets from the old one, unless a middlebox strips or rewrites the option.",
      "The TcpExt TWRecycled counter starts to climb: each increment is one new connection that took over the port of a TIME_WAIT socket.",
      "The value belongs to the network namespace it is set in; containers with their own namespace keep theirs.",
    ],
    prerequisites: [
      "net.ipv4.tcp_timestamps is 1 here (the default) and the peers send timestamps as well; without them reuse never happens.",
      "The TIME_WAIT sockets are on the connecting side: ephemeral local ports toward a few remote ip:port pairs.",
      "Root (CAP_NET_ADMIN) in the network namespace that owns the sockets.",
    ],
    kernels: {
      note: "Since Linux 4.18 it takes 0, 1 or 2 and defaults to 2 (reuse for loopback traffic only); older kernels know only off/on and default to 0.",
    },
    commands: {
      runtime: ["sysctl -w net.ipv4.tcp_tw_reuse=1"],
      persist: ["echo 'net.ipv4.tcp_tw_reuse = 1' > /etc/sysctl.d/60-twscope-tcp-tw-reuse.conf", "sysctl --system"],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-tcp-tw-reuse.conf",
        "sysctl -w net.ipv4.tcp_tw_reuse=2  # default since Linux 4.18; on older kernels the default is 0, write 0 there",
        "sysctl --system",
      ],
    },
    steps: [
      "Check that the TIME_WAIT sockets use ephemeral local ports and that `sysctl net.ipv4.tcp_timestamps` prints 1.",
      "Apply the runtime command, then watch the TWRecycled rate and connect() failures (EADDRNOTAVAIL) for a while before persisting.",
      "Keep working on the churn itself (pooling, keep-alive): reuse hides the port shortage, it does not remove the short connections.",
    ],
    sources: [SOURCES.coolshell, SOURCES.ipSysctl, SOURCES.rfc7323, SOURCES.csdnOverview],
  },
  {
    id: "tcp-tw-recycle",
    title: "Switch tcp_tw_recycle on",
    kind: "sysctl",
    stance: "avoid",
    summary:
      "tcp_tw_recycle freed TIME_WAIT sockets early by refusing any SYN whose timestamp was older than the last one seen from the same address. Old tuning guides still tell people to switch it on; twscope lists it to warn against that. Its commands undo it: they set it to 0 on kernels before 4.12 and comment out leftover lines in sysctl files on every kernel, since newer ones no longer have the setting and complain about it at boot.",
    risk: "critical",
    riskReason:
      "Several clients behind one NAT address send unrelated timestamps, so once recycling is on their SYNs are dropped without a reply and they see connect timeouts. It also contradicts RFC 1122 and was taken out of Linux in 4.12. Undoing it, as the commands here do, carries no risk.",
    sideEffects: [
      "Once it is undone, TIME_WAIT sockets last their full 60 seconds again; use the design remedies if that hurts.",
      "Deleting the stale line stops the 'cannot stat /proc/sys/net/ipv4/tcp_tw_recycle' error from sysctl --system on 4.12 and later.",
    ],
    prerequisites: ["Root, to change the running value and to edit /etc/sysctl.conf and /etc/sysctl.d/."],
    kernels: {
      removedIn: "4.12",
      note: "From Linux 4.10 random per-connection timestamp offsets made it refuse SYNs from most peers, not only those behind NAT.",
    },
    commands: {
      runtime: [
        "if [ -e /proc/sys/net/ipv4/tcp_tw_recycle ]; then sysctl -w net.ipv4.tcp_tw_recycle=0; else echo 'net.ipv4.tcp_tw_recycle is absent (removed in Linux 4.12): nothing to switch off'; fi",
      ],
      persist: [
        "grep -lsE '^[[:space:]]*-?net[.]ipv4[.]tcp_tw_recycle[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i -E 's/^[[:space:]]*-?net[.]ipv4[.]tcp_tw_recycle[[:space:]]*=/# twscope-disabled: &/'",
        "sysctl --system",
      ],
      rollback: [
        "# Restores the edited sysctl files only: twscope never switches net.ipv4.tcp_tw_recycle back on, because enabling it is the harm.",
        "grep -lsE '^# twscope-disabled: [[:space:]]*-?net[.]ipv4[.]tcp_tw_recycle' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i '/^# twscope-disabled: [[:space:]]*-\\?net[.]ipv4[.]tcp_tw_recycle/s/^# twscope-disabled: //'",
      ],
    },
    steps: [
      "Look for it: `grep -rn tcp_tw_recycle /etc/sysctl.conf /etc/sysctl.d/`, and on kernels before 4.12 `sysctl net.ipv4.tcp_tw_recycle`.",
      "On kernels before 4.12, the TcpExt PAWSPassive rate shows how many SYNs it has been refusing.",
      "To undo it, run the commands below; nothing has to be switched back on afterwards.",
    ],
    sources: [SOURCES.coolshell, SOURCES.rfc1122, SOURCES.removeTwRecycle, SOURCES.csdnOverview],
  },
  {
    id: "tcp-max-tw-buckets",
    title: "Raise tcp_max_tw_buckets back to its default",
    kind: "sysctl",
    stance: "do",
    summary:
      "This cap is a safety net against floods: once it is reached, a closing connection gets no TIME_WAIT socket at all and TCPTimeWaitOverflow counts it. Cutting the cap only makes the number look smaller while those connections lose their TIME_WAIT protection, so on a host where it was lowered the remedy is to raise it back to the kernel default, half the size of the established-connection hash table.",
    risk: "low",
    riskReason:
      "Raising the cap back only grants the kernel memory those TIME_WAIT sockets needed anyway. The dangerous direction is the other one, lowering it to make TIME_WAIT disappear as many guides advise: the surplus sockets are then never kept, which is as unsafe as skipping TIME_WAIT, and the kernel documentation warns against it.",
    sideEffects: [
      "Every TIME_WAIT socket takes a little kernel memory, so the default cap allows a few tens of megabytes at worst on large machines.",
      "The TIME_WAIT count shown by twscope goes up: that is the true number, no longer truncated.",
    ],
    prerequisites: [
      "The current value is below half the established hash size; net.ipv4.tcp_ehash_entries gives that size on Linux 6.1 and later (a minus sign means the namespace shares the host table; ignore it).",
      "Root in the network namespace concerned: the cap is kept per namespace.",
    ],
    kernels: {
      note: "The runtime command reads tcp_ehash_entries, present since Linux 6.1; on older kernels take the size from the boot message 'TCP established hash table entries' and halve it.",
    },
    commands: {
      runtime: [
        "sysctl -n net.ipv4.tcp_max_tw_buckets > /var/tmp/twscope-tcp_max_tw_buckets.before",
        "sysctl -w net.ipv4.tcp_max_tw_buckets=$(( $(sysctl -n net.ipv4.tcp_ehash_entries | tr -d -) / 2 ))",
      ],
      persist: [
        "grep -lsE '^[[:space:]]*-?net[.]ipv4[.]tcp_max_tw_buckets[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i -E 's/^[[:space:]]*-?net[.]ipv4[.]tcp_max_tw_buckets[[:space:]]*=/# twscope-disabled: &/'",
        "sysctl --system",
      ],
      rollback: [
        "grep -lsE '^# twscope-disabled: [[:space:]]*-?net[.]ipv4[.]tcp_max_tw_buckets' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i '/^# twscope-disabled: [[:space:]]*-\\?net[.]ipv4[.]tcp_max_tw_buckets/s/^# twscope-disabled: //'",
        'sysctl -w net.ipv4.tcp_max_tw_buckets="$(cat /var/tmp/twscope-tcp_max_tw_buckets.before)"  # the value recorded before the change',
        "sysctl --system",
      ],
    },
    steps: [
      "Find where it was lowered: `grep -rn tcp_max_tw_buckets /etc/sysctl.conf /etc/sysctl.d/ /run/sysctl.d/ /usr/lib/sysctl.d/`; the persist command edits only the /etc files.",
      "On kernels older than 6.1, run `journalctl -k -b | grep 'established hash table entries'` and use half that number in the runtime command.",
      "Apply, then check that the TCPTimeWaitOverflow rate drops to zero.",
      "Treat the real TIME_WAIT count with the remedies that reduce connection churn.",
    ],
    sources: [SOURCES.coolshell, SOURCES.ipSysctl, SOURCES.csdnOverview],
  },
  {
    id: "widen-port-range",
    title: "Widen the ephemeral port range (ip_local_port_range)",
    kind: "sysctl",
    stance: "do",
    summary:
      "Outgoing connections take their local port from net.ipv4.ip_local_port_range, and a port in TIME_WAIT toward a destination stays unusable for that destination for 60 s. Going from the default 28,232 ports to about 50,000 raises the steady connection rate that a single destination can absorb from roughly 470 to roughly 830 per second: more headroom, same churn.",
    risk: "low",
    riskReason:
      "It only widens the pool connect() picks from. The one trap is a local service whose fixed port falls inside the new range: an outgoing connection may grab that port first, so such ports must be reserved.",
    sideEffects: [
      "A service binding a fixed port inside the range can fail to start with 'address already in use' if the port was taken by an outgoing connection.",
      "Firewall rules that only admit return traffic to 32768-60999 must be widened as well.",
    ],
    prerequisites: [
      "The range ends have different parity (one even, one odd), as the kernel documentation recommends, because connect() and bind() favour ports of opposite parity.",
      "No listening service inside the new range, or its ports listed in net.ipv4.ip_local_reserved_ports.",
      "Root in the network namespace concerned (the range is per namespace).",
    ],
    kernels: { note: "Default 32768 60999 on current kernels." },
    commands: {
      runtime: ["sysctl -w net.ipv4.ip_local_port_range='15000 64999'"],
      persist: ["echo 'net.ipv4.ip_local_port_range = 15000 64999' > /etc/sysctl.d/60-twscope-ip-local-port-range.conf", "sysctl --system"],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-ip-local-port-range.conf",
        "sysctl -w net.ipv4.ip_local_port_range='32768 60999'  # kernel default",
        "sysctl --system",
      ],
    },
    steps: [
      "List listening ports inside the new range: `ss -Hltn | awk '{print $4}' | sed 's/.*://' | sort -un | awk '$1 >= 15000 && $1 <= 64999'`.",
      "Reserve them before widening, e.g. `sysctl -w net.ipv4.ip_local_reserved_ports=27017,50000`, and after the persist command append the same setting to /etc/sysctl.d/60-twscope-ip-local-port-range.conf.",
      "Apply the range, then watch EADDRNOTAVAIL errors and the TIME_WAIT count per destination.",
      "Use the headroom to move the clients to pooling or keep-alive.",
    ],
    sources: [SOURCES.csdnOverview, SOURCES.ipSysctl],
  },
  {
    id: "tcp-tw-reuse-delay",
    title: "Shorten tcp_tw_reuse_delay (recent kernels only)",
    kind: "sysctl",
    stance: "do",
    summary:
      "On kernels that have it (from about 6.14), net.ipv4.tcp_tw_reuse_delay is the age in milliseconds a TIME_WAIT socket must reach before tcp_tw_reuse may give its port away; the default is 1000. Lowering it to 100 lets a client that already relies on reuse cycle through ports toward one destination faster.",
    risk: "medium",
    riskReason:
      "Reuse is safe only if the peer's timestamp clock has moved on since the old connection closed. Below the peer's clock tick, old and new connections can look identical to PAWS; Linux peers tick every millisecond, but RFC 7323 allows clocks as slow as one tick per second.",
    sideEffects: [
      "Only matters where tcp_tw_reuse applies; with reuse off it has no effect.",
      "Ports toward the same destination come round again sooner, so a very late packet has less time to die out.",
    ],
    prerequisites: [
      "/proc/sys/net/ipv4/tcp_tw_reuse_delay exists on this host: check the file rather than the version number.",
      "tcp_tw_reuse is 1 (or 2 for loopback traffic) and timestamps are on at both ends.",
      "The peers' timestamp clocks tick at least every 100 ms (true of Linux peers).",
      "Root in the network namespace concerned.",
    ],
    kernels: {
      since: "6.14",
      note: "Approximate: confirm that /proc/sys/net/ipv4/tcp_tw_reuse_delay exists on the host.",
    },
    commands: {
      runtime: [
        "if [ -e /proc/sys/net/ipv4/tcp_tw_reuse_delay ]; then sysctl -w net.ipv4.tcp_tw_reuse_delay=100; else echo 'net.ipv4.tcp_tw_reuse_delay does not exist on this kernel: nothing to change'; fi",
      ],
      persist: [
        "[ -e /proc/sys/net/ipv4/tcp_tw_reuse_delay ] && echo 'net.ipv4.tcp_tw_reuse_delay = 100' > /etc/sysctl.d/60-twscope-tcp-tw-reuse-delay.conf",
        "sysctl --system",
      ],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-tcp-tw-reuse-delay.conf",
        "sysctl -w net.ipv4.tcp_tw_reuse_delay=1000  # kernel default, in milliseconds",
        "sysctl --system",
      ],
    },
    steps: [
      "Check `ls /proc/sys/net/ipv4/tcp_tw_reuse_delay` and `sysctl net.ipv4.tcp_tw_reuse`.",
      "Lower it only if connections to one destination still run out of ports with reuse already enabled.",
      "After the change, watch the PAWSActive rate and connect failures; go back to 1000 if either climbs.",
    ],
    sources: [SOURCES.ipSysctl, SOURCES.rfc7323],
  },
  {
    id: "keep-tcp-fin-timeout",
    title: "Put tcp_fin_timeout back to 60 s (it does not shorten TIME_WAIT)",
    kind: "sysctl",
    stance: "do",
    summary:
      "tcp_fin_timeout bounds how long an orphaned connection sits in FIN_WAIT_2 waiting for the peer's FIN; TIME_WAIT is another state, and its 60-second length is fixed in the kernel source. Lowering it does not move the TIME_WAIT count at all, so if it was cut as a TIME_WAIT fix, put it back to the default of 60.",
    risk: "low",
    riskReason:
      "60 seconds is the kernel default, so this returns the host to its ordinary behaviour. At worst, orphaned FIN_WAIT_2 sockets wait a little longer for slow peers and use a little more memory meanwhile.",
    sideEffects: ["Orphaned FIN_WAIT_2 sockets (the 'orphan' figure in /proc/net/sockstat) may again last up to 60 s."],
    prerequisites: ["`sysctl net.ipv4.tcp_fin_timeout` prints a value below 60.", "Root."],
    kernels: {},
    commands: {
      runtime: ["sysctl -n net.ipv4.tcp_fin_timeout > /var/tmp/twscope-tcp_fin_timeout.before", "sysctl -w net.ipv4.tcp_fin_timeout=60"],
      persist: [
        "grep -lsE '^[[:space:]]*-?net[.]ipv4[.]tcp_fin_timeout[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i -E 's/^[[:space:]]*-?net[.]ipv4[.]tcp_fin_timeout[[:space:]]*=/# twscope-disabled: &/'",
        "echo 'net.ipv4.tcp_fin_timeout = 60' > /etc/sysctl.d/60-twscope-tcp-fin-timeout.conf",
        "sysctl --system",
      ],
      rollback: [
        "grep -lsE '^# twscope-disabled: [[:space:]]*-?net[.]ipv4[.]tcp_fin_timeout' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i '/^# twscope-disabled: [[:space:]]*-\\?net[.]ipv4[.]tcp_fin_timeout/s/^# twscope-disabled: //'",
        "rm -f /etc/sysctl.d/60-twscope-tcp-fin-timeout.conf",
        'sysctl -w net.ipv4.tcp_fin_timeout="$(cat /var/tmp/twscope-tcp_fin_timeout.before)"  # the value before the change; the kernel default is 60',
        "sysctl --system",
      ],
    },
    steps: [
      "Find the line that lowered it: `grep -rn tcp_fin_timeout /etc/sysctl.conf /etc/sysctl.d/`.",
      "Run the runtime and persist commands.",
      "Deal with TIME_WAIT through remedies that act on it: keep-alive, pooling, letting clients close, tcp_tw_reuse on clients.",
    ],
    sources: [SOURCES.ipSysctl],
  },
  {
    id: "tcp-timestamps-on",
    title: "Switch TCP timestamps back on (tcp_timestamps = 1)",
    kind: "sysctl",
    stance: "do",
    summary:
      "TCP timestamps let the kernel tell a new connection's segments from stragglers of an earlier one (PAWS), and that check is what tcp_tw_reuse depends on. With timestamps off, reuse never triggers whatever its setting; turning them back on, the kernel default, makes reuse work and restores PAWS on fast long transfers.",
    risk: "low",
    riskReason:
      "1 is the kernel default and what almost every TCP stack expects to see. The price is about 12 extra bytes of TCP options in each segment.",
    sideEffects: [
      "Roughly 12 bytes more TCP header per segment.",
      "Since Linux 4.10 each connection gets a random timestamp offset, so the old complaint that timestamps leak host uptime does not apply to value 1.",
    ],
    prerequisites: [
      "For reuse to benefit, the peers must send timestamps too, and no middlebox on the path may strip the option.",
      "Root.",
    ],
    kernels: { note: "Random per-connection timestamp offsets since Linux 4.10." },
    commands: {
      runtime: ["sysctl -n net.ipv4.tcp_timestamps > /var/tmp/twscope-tcp_timestamps.before", "sysctl -w net.ipv4.tcp_timestamps=1"],
      persist: [
        "grep -lsE '^[[:space:]]*-?net[.]ipv4[.]tcp_timestamps[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i -E 's/^[[:space:]]*-?net[.]ipv4[.]tcp_timestamps[[:space:]]*=/# twscope-disabled: &/'",
        "echo 'net.ipv4.tcp_timestamps = 1' > /etc/sysctl.d/60-twscope-tcp-timestamps.conf",
        "sysctl --system",
      ],
      rollback: [
        "grep -lsE '^# twscope-disabled: [[:space:]]*-?net[.]ipv4[.]tcp_timestamps' /etc/sysctl.conf /etc/sysctl.d/*.conf | xargs -r sed -i '/^# twscope-disabled: [[:space:]]*-\\?net[.]ipv4[.]tcp_timestamps/s/^# twscope-disabled: //'",
        "rm -f /etc/sysctl.d/60-twscope-tcp-timestamps.conf",
        'sysctl -w net.ipv4.tcp_timestamps="$(cat /var/tmp/twscope-tcp_timestamps.before)"  # the value before the change; the kernel default is 1',
        "sysctl --system",
      ],
    },
    steps: [
      "Find who switched them off: `grep -rn tcp_timestamps /etc/sysctl.conf /etc/sysctl.d/` (often a hardening checklist answering a security scanner).",
      "Apply, then check that new connections carry the option: `ss -ti` shows `ts` on established sockets.",
      "If tcp_tw_reuse is meant to help, the TWRecycled rate should now rise above zero.",
    ],
    sources: [SOURCES.ipSysctl, SOURCES.coolshell, SOURCES.rfc7323],
  },
  {
    id: "conntrack-capacity",
    title: "Give the conntrack table room for TIME_WAIT entries",
    kind: "sysctl",
    stance: "do",
    summary:
      "With netfilter connection tracking loaded, each closed TCP flow also leaves a conntrack entry in its own TIME_WAIT state for 120 s by default, independent of the socket. When nf_conntrack_count nears nf_conntrack_max, new flows get dropped; doubling the maximum and cutting the conntrack TIME_WAIT timeout to 60 s, the length of the socket state, makes room.",
    risk: "medium",
    riskReason:
      "A larger table spends kernel memory on every entry, and forgetting closed flows sooner means a very late packet of one may be judged invalid or new by stateful firewall and NAT rules.",
    sideEffects: [
      "More kernel memory for conntrack entries; with the hash table size unchanged, lookups walk longer chains (raise /sys/module/nf_conntrack/parameters/hashsize if the table grows a lot).",
      "NAT can hand out a mapping again sooner once its conntrack entry expires.",
    ],
    prerequisites: [
      "nf_conntrack is loaded: /proc/sys/net/netfilter/nf_conntrack_max exists.",
      "nf_conntrack_count is close to nf_conntrack_max, or the kernel log shows 'nf_conntrack: table full, dropping packet'.",
      "Root in the host's initial network namespace (nf_conntrack_max is global).",
    ],
    kernels: {},
    commands: {
      runtime: [
        "sysctl -n net.netfilter.nf_conntrack_max > /var/tmp/twscope-nf_conntrack_max.before",
        "sysctl -w net.netfilter.nf_conntrack_max=$(( $(sysctl -n net.netfilter.nf_conntrack_max) * 2 ))",
        "sysctl -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=60",
      ],
      persist: [
        'echo "net.netfilter.nf_conntrack_max = $(sysctl -n net.netfilter.nf_conntrack_max)" > /etc/sysctl.d/60-twscope-conntrack.conf',
        "echo 'net.netfilter.nf_conntrack_tcp_timeout_time_wait = 60' >> /etc/sysctl.d/60-twscope-conntrack.conf",
        "sysctl --system",
      ],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-conntrack.conf",
        'sysctl -w net.netfilter.nf_conntrack_max="$(cat /var/tmp/twscope-nf_conntrack_max.before)"  # the value recorded before the change',
        "sysctl -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=120  # kernel default, in seconds",
        "sysctl --system",
      ],
    },
    steps: [
      "Compare `sysctl net.netfilter.nf_conntrack_count` with `sysctl net.netfilter.nf_conntrack_max`.",
      "Run the runtime commands before the persist commands: the persist file copies the new maximum.",
      "After the next reboot check both values; some systems apply sysctl files before nf_conntrack loads, in which case list nf_conntrack in /etc/modules-load.d/.",
    ],
    sources: [SOURCES.conntrackSysctl],
  },
];
