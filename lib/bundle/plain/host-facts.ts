// The host's facts gathered over a paste's sections: kernel, host name, machine, uptime, memory, /proc/net counters and sysctls.
import type { Message } from "../../i18n/message";
import type { ConfiguredSysctl } from "../../types";
import { inputNote } from "../input-note";
import type { PlainSection } from "./command-sections";
import type { SectionSpec } from "./section-kinds";
import { MAX_CONFIGURED, readSysctlConf, readSysctlFile, readSysctlOutput } from "./sysctl-sections";

/** Everything but the socket lists, gathered over the sections of a plain bundle. */
export interface HostFacts {
  kernel: string | null;
  hostname: string | null;
  /** The machine `uname -a` names (x86_64, s390x …): it says the byte order of /proc/net/tcp. */
  machine: string | null;
  uptimeSeconds: number | null;
  /** MemTotal of /proc/meminfo: the kernel sizes tcp_max_tw_buckets' default by memory. */
  memTotalKb: number | null;
  /** Lines of /proc/net/sockstat, sockstat6, netstat and snmp, whichever were pasted. */
  procLines: string[];
  sysctls: Record<string, string>;
  missingSysctls: string[];
  deniedSysctls: string[];
  /** TIME_WAIT-related lines of sysctl files, or null when none was pasted. */
  configured: ConfiguredSysctl[] | null;
}

export function emptyHostFacts(): HostFacts {
  return {
    kernel: null,
    hostname: null,
    machine: null,
    uptimeSeconds: null,
    memTotalKb: null,
    procLines: [],
    sysctls: {},
    missingSysctls: [],
    deniedSysctls: [],
    configured: null,
  };
}

const READS_PROC = /^(TCP6?|TcpExt|Tcp):/;
const BIG_ENDIAN = new Set([
  "s390",
  "s390x",
  "ppc",
  "ppc64",
  "sparc",
  "sparc64",
  "mips",
  "mips64",
  "m68k",
  "parisc",
  "parisc64",
  "armeb",
  "aarch64_be",
]);

/** Whether `uname -a` named a big-endian machine, whose /proc/net/tcp prints addresses the other way round. */
export function isBigEndian(facts: HostFacts): boolean {
  return facts.machine !== null && BIG_ENDIAN.has(facts.machine);
}

/** Adds one section's facts; returns a note when the section held nothing usable. */
export function readHostFacts(facts: HostFacts, spec: SectionSpec, section: PlainSection, piped: boolean): Message | null {
  const lines = section.lines.map((l) => l.trim()).filter((l) => l !== "");
  const first = lines[0] ?? "";
  const useless = (expected: string) => inputNote("useless", { heading: section.heading, expected: inputNote(`expected.${expected}`) });
  switch (spec.kind) {
    case "kernel":
      if (!/^\d+\.\d+\S*$/.test(first)) return useless("kernel");
      facts.kernel ??= first;
      return null;
    case "uname-all": {
      const words = first.split(/\s+/);
      const [, host, release] = words;
      if (!release || !/^\d+\.\d+/.test(release)) return useless("unameAll");
      facts.kernel ??= release;
      facts.hostname ??= host ?? null;
      facts.machine ??=
        words
          .slice(3)
          .find((w) => BIG_ENDIAN.has(w) || /^(x86_64|i[3-6]86|aarch64|arm\w*|ppc64le|riscv64|loongarch64|mips\w*el)$/.test(w)) ?? null;
      return null;
    }
    case "hostname":
      if (!/^[\w.-]+$/.test(first)) return useless("hostname");
      facts.hostname ??= first;
      return null;
    case "uptime": {
      const seconds = Number(first.split(/\s+/)[0]);
      if (!Number.isFinite(seconds) || first === "") return useless("uptime");
      facts.uptimeSeconds ??= Math.floor(seconds);
      return null;
    }
    case "meminfo": {
      const kb = Number(/^MemTotal:\s+(\d+)\s*kB$/.exec(lines.find((l) => l.startsWith("MemTotal:")) ?? "")?.[1]);
      if (!kb) return useless("meminfo");
      facts.memTotalKb ??= kb;
      return null;
    }
    case "proc-net": {
      const read = lines.filter((l) => READS_PROC.test(l));
      facts.procLines.push(...read);
      return read.length ? null : useless("procNet");
    }
    case "sysctl-conf": {
      const read = readSysctlConf(section.lines, spec);
      facts.configured = [...(facts.configured ?? []), ...read].slice(0, MAX_CONFIGURED);
      return null;
    }
    case "sysctl":
    case "sysctl-file": {
      const out = spec.kind === "sysctl" ? readSysctlOutput(lines, spec, piped) : readSysctlFile(lines, spec.name);
      facts.sysctls = { ...out.values, ...facts.sysctls };
      for (const name of out.missing) if (!facts.missingSysctls.includes(name)) facts.missingSysctls.push(name);
      for (const name of out.denied) if (!facts.deniedSysctls.includes(name)) facts.deniedSysctls.push(name);
      return Object.keys(out.values).length || out.missing.length || out.denied.length ? null : useless("sysctl");
    }
    default:
      return null;
  }
}
