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
    kind: "sysctl",
    stance: "do",
    risk: "medium",
    kernels: {},
    commands: {
      runtime: ["sysctl -w net.ipv4.tcp_tw_reuse=1"],
      persist: ["echo 'net.ipv4.tcp_tw_reuse = 1' > /etc/sysctl.d/60-twscope-tcp-tw-reuse.conf", "sysctl --system"],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-tcp-tw-reuse.conf",
        "sysctl -w net.ipv4.tcp_tw_reuse=2  # default since Linux 4.18; on older kernels the default is 0, write 0 there",
        "sysctl --system",
      ],
    },
    sources: [SOURCES.coolshell, SOURCES.ipSysctl, SOURCES.rfc7323, SOURCES.csdnOverview],
  },
  {
    id: "tcp-tw-recycle",
    kind: "sysctl",
    stance: "avoid",
    risk: "critical",
    kernels: { removedIn: "4.12" },
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
    sources: [SOURCES.coolshell, SOURCES.rfc1122, SOURCES.removeTwRecycle, SOURCES.csdnOverview],
  },
  {
    id: "tcp-max-tw-buckets",
    kind: "sysctl",
    stance: "do",
    risk: "low",
    kernels: {},
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
    sources: [SOURCES.coolshell, SOURCES.ipSysctl, SOURCES.csdnOverview],
  },
  {
    id: "widen-port-range",
    kind: "sysctl",
    stance: "do",
    risk: "low",
    kernels: {},
    commands: {
      runtime: ["sysctl -w net.ipv4.ip_local_port_range='15000 64999'"],
      persist: ["echo 'net.ipv4.ip_local_port_range = 15000 64999' > /etc/sysctl.d/60-twscope-ip-local-port-range.conf", "sysctl --system"],
      rollback: [
        "rm -f /etc/sysctl.d/60-twscope-ip-local-port-range.conf",
        "sysctl -w net.ipv4.ip_local_port_range='32768 60999'  # kernel default",
        "sysctl --system",
      ],
    },
    sources: [SOURCES.csdnOverview, SOURCES.ipSysctl],
  },
  {
    id: "tcp-tw-reuse-delay",
    kind: "sysctl",
    stance: "do",
    risk: "medium",
    kernels: { since: "6.14" },
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
    sources: [SOURCES.ipSysctl, SOURCES.rfc7323],
  },
  {
    id: "keep-tcp-fin-timeout",
    kind: "sysctl",
    stance: "do",
    risk: "low",
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
    sources: [SOURCES.ipSysctl],
  },
  {
    id: "tcp-timestamps-on",
    kind: "sysctl",
    stance: "do",
    risk: "low",
    kernels: {},
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
    sources: [SOURCES.ipSysctl, SOURCES.coolshell, SOURCES.rfc7323],
  },
  {
    id: "conntrack-capacity",
    kind: "sysctl",
    stance: "do",
    risk: "medium",
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
    sources: [SOURCES.conntrackSysctl],
  },
];
