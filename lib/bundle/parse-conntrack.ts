import type { ConntrackTable } from "../types";

/**
 * The `@@conntrack` section: `stat insert_failed N drop N early_drop N`, `entries N tcp N
 * time-wait N` with `at EPOCH`, and `! …` lines (in `problems`). Undefined when the section is
 * absent (older probes) or says nothing (connection tracking not loaded).
 */
export function parseConntrack(lines: string[] | undefined, problems: string[]): ConntrackTable | undefined {
  const stat = lines?.map((l) => /^stat insert_failed (\d+) drop (\d+) early_drop (\d+)$/.exec(l.trim())).find(Boolean);
  const table = lines?.map((l) => /^entries (\d+) tcp (\d+) time-wait (\d+)$/.exec(l.trim())).find(Boolean);
  if (!stat && !table) return undefined;
  const at = lines?.map((l) => /^at (\d+)$/.exec(l.trim())).find(Boolean);
  return {
    entries: table ? Number(table[1]) : null,
    tcp: table ? Number(table[2]) : null,
    timeWait: table ? Number(table[3]) : null,
    readAt: at ? Number(at[1]) * 1000 : null,
    truncated: problems.some((p) => p.startsWith("conntrack: stopped reading")),
    insertFailed: stat ? Number(stat[1]) : null,
    drop: stat ? Number(stat[2]) : null,
    earlyDrop: stat ? Number(stat[3]) : null,
  };
}
