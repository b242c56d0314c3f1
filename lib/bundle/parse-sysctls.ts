import type { ConfiguredSysctl } from "../types";

/** Reads `name = value` lines (the form `sysctl` prints). Values keep single spaces between fields. */
export function parseSysctlLines(lines: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    if (!/^[\w.\-/]+$/.test(name)) continue;
    values[name.replace(/\//g, ".")] = line.slice(eq + 1).trim().replace(/\s+/g, " ");
  }
  return values;
}

/** Names listed by the probe as `! missing name` / `! denied name`. */
export function sysctlProblems(problems: string[], kind: "missing" | "denied"): string[] {
  const prefix = `sysctl: ${kind} `;
  return problems.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).trim());
}

/** `FILE: name = value` lines of the probe's @@sysctl-conf section. */
export function parseConfiguredSysctls(lines: string[]): ConfiguredSysctl[] {
  const out: ConfiguredSysctl[] = [];
  for (const line of lines) {
    const m = /^(\/\S+): ([\w.\-/]+) = (.*)$/.exec(line);
    if (m) out.push({ file: m[1]!, key: m[2]!.replace(/\//g, "."), value: m[3]!.trim() });
  }
  return out;
}
