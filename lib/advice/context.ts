import { hasTimeWaitCount, portRangeOf, timeWaitCount } from "../sample/facts";
import type { ConfiguredSysctl, HostSample, SampleRates } from "../types";
import { parseKernel, type KernelVersion } from "./kernel";
import { twBucketsDefault, type TwBucketsDefault } from "./tw-buckets-default";

/** Everything a rule may read about one host, with the sysctls already turned into numbers. */
export interface RuleContext {
  sample: HostSample;
  /** Rates between the last two samples; null for a single bundle (no history). */
  rates: SampleRates | null;
  kernel: KernelVersion | null;
  timeWait: number;
  /** Whether the input holds any TIME_WAIT count (sockstat or a socket list); without one, 0 above means nothing. */
  countKnown: boolean;
  /** How long TIME_WAIT lasts here: net.ipv4.tcp_tw_timeout where a vendor kernel has it, else the mainline 60 s. */
  twLength: {
    seconds: number;
    tunable: boolean;
    /** Whether the input shows the kernel lacks tcp_tw_timeout (else 60 s is assumed). */ mainline: boolean;
  };
  /** This host's default tcp_max_tw_buckets, from its memory; null when MemTotal is unknown. */
  twBucketsDefault: TwBucketsDefault | null;
  sysctl: (name: string) => number | null;
  portRange: { low: number; high: number; size: number } | null;
  /** The value a reboot would apply for each configured key (the last file in systemd-sysctl order wins). */
  configured: Map<string, ConfiguredSysctl>;
}

export function buildContext(sample: HostSample, rates: SampleRates | null): RuleContext {
  const sysctl = (name: string) => {
    const v = Number(sample.sysctls[name]?.split(" ")[0]);
    return sample.sysctls[name] !== undefined && Number.isFinite(v) ? v : null;
  };
  const portRange = portRangeOf(sample);
  const twTimeout = sysctl("net.ipv4.tcp_tw_timeout");
  return {
    sample,
    rates,
    kernel: parseKernel(sample.kernel),
    sysctl,
    portRange,
    timeWait: timeWaitCount(sample),
    countKnown: hasTimeWaitCount(sample),
    twLength:
      twTimeout !== null && twTimeout > 0
        ? { seconds: twTimeout, tunable: true, mainline: false }
        : { seconds: 60, tunable: false, mainline: sample.missingSysctls.includes("net.ipv4.tcp_tw_timeout") },
    twBucketsDefault: twBucketsDefault(sample.memTotalKb),
    configured: effectiveConfig(sample.configuredSysctls ?? []),
  };
}

const DIR_RANK = ["/etc/sysctl.d/", "/run/sysctl.d/", "/usr/local/lib/sysctl.d/", "/usr/lib/sysctl.d/", "/lib/sysctl.d/"];

/**
 * systemd-sysctl order: *.conf files sorted by file name across the directories (for one name,
 * /etc beats /run beats /usr/lib), each applied in turn, /etc/sysctl.conf last; later lines win.
 */
export function effectiveConfig(entries: ConfiguredSysctl[]): Map<string, ConfiguredSysctl> {
  const byName = new Map<string, string>();
  for (const e of entries) {
    const dir = DIR_RANK.findIndex((d) => e.file.startsWith(d));
    if (dir === -1) continue;
    const name = e.file.slice(DIR_RANK[dir]!.length);
    const holder = byName.get(name);
    if (!holder || DIR_RANK.findIndex((d) => holder.startsWith(d)) > dir) byName.set(name, e.file);
  }
  const order = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, file]) => file);
  order.push("/etc/sysctl.conf");
  const out = new Map<string, ConfiguredSysctl>();
  for (const file of order) for (const e of entries) if (e.file === file) out.set(e.key, e);
  return out;
}
