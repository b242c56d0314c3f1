import type { ConfiguredSysctl } from "../types";

/** Reads `name = value` lines (the form `sysctl` prints). Values keep single spaces between fields. */
export function parseSysctlLines(lines: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    if (!/^[\w.\-/]+$/.test(name)) continue;
    values[name.replace(/\//g, ".")] = line
      .slice(eq + 1)
      .trim()
      .replace(/\s+/g, " ");
  }
  return values;
}

/** Names listed by the probe as `! missing name` / `! denied name`. */
export function sysctlProblems(problems: string[], kind: "missing" | "denied"): string[] {
  const prefix = `sysctl: ${kind} `;
  return problems.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).trim());
}

/** `FILE:LINE: name = value` lines of the probe's @@sysctl-conf section (older probes print `FILE: name = value`). */
export function parseConfiguredSysctls(lines: string[]): ConfiguredSysctl[] {
  const out: ConfiguredSysctl[] = [];
  for (const line of lines) {
    const m = /^(\/\S+?)(?::(\d+))?: ([\w.\-/]+) = (.*)$/.exec(line);
    if (!m) continue;
    const entry: ConfiguredSysctl = { file: m[1]!, key: m[3]!.replace(/\//g, "."), value: m[4]!.trim() };
    if (m[2]) entry.line = Number(m[2]);
    out.push(entry);
  }
  return out;
}
