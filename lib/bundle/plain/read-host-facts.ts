import { readSysctlFile, readSysctlOutput } from "./read-sysctl-output";
import type { SectionSpec } from "./recognise-section";
import type { PlainSection } from "./split-plain-text";

/** Everything but the socket lists, gathered over the sections of a plain bundle. */
export interface HostFacts {
  kernel: string | null;
  hostname: string | null;
  uptimeSeconds: number | null;
  /** Lines of /proc/net/sockstat, sockstat6, netstat and snmp, whichever were pasted. */
  procLines: string[];
  sysctls: Record<string, string>;
  missingSysctls: string[];
  deniedSysctls: string[];
}

export function emptyHostFacts(): HostFacts {
  return { kernel: null, hostname: null, uptimeSeconds: null, procLines: [], sysctls: {}, missingSysctls: [], deniedSysctls: [] };
}

const READS_PROC = /^(TCP6?|TcpExt|Tcp):/;

/** Adds one section's facts; returns a note when the section held nothing usable. */
export function readHostFacts(facts: HostFacts, spec: SectionSpec, section: PlainSection, piped: boolean): string | null {
  const lines = section.lines.map((l) => l.trim()).filter((l) => l !== "");
  const first = lines[0] ?? "";
  const useless = `section "### ${section.heading}" has nothing twscope reads`;
  switch (spec.kind) {
    case "kernel":
      if (!/^\d+\.\d+\S*$/.test(first)) return useless;
      facts.kernel ??= first;
      return null;
    case "uname-all": {
      const [, host, release] = first.split(/\s+/);
      if (!release || !/^\d+\.\d+/.test(release)) return useless;
      facts.kernel ??= release;
      facts.hostname ??= host ?? null;
      return null;
    }
    case "hostname":
      if (!/^[\w.-]+$/.test(first)) return useless;
      facts.hostname ??= first;
      return null;
    case "uptime": {
      const seconds = Number(first.split(/\s+/)[0]);
      if (!Number.isFinite(seconds) || first === "") return useless;
      facts.uptimeSeconds ??= Math.floor(seconds);
      return null;
    }
    case "proc-net": {
      const read = lines.filter((l) => READS_PROC.test(l));
      facts.procLines.push(...read);
      return read.length ? null : useless;
    }
    case "sysctl":
    case "sysctl-file": {
      const out = spec.kind === "sysctl" ? readSysctlOutput(lines, spec, piped) : readSysctlFile(lines, spec.name);
      facts.sysctls = { ...out.values, ...facts.sysctls };
      for (const name of out.missing) if (!facts.missingSysctls.includes(name)) facts.missingSysctls.push(name);
      for (const name of out.denied) if (!facts.deniedSysctls.includes(name)) facts.deniedSysctls.push(name);
      return Object.keys(out.values).length || out.missing.length || out.denied.length ? null : useless;
    }
    default:
      return null;
  }
}
