import type { StoredText } from "../i18n/message";
import { problem as because, reasonOf } from "./inventory-problem";
import { splitWords } from "./shell-words";
import { addHosts, emptyTree, groupOf, type InventoryTree, type InventoryVars } from "./inventory-tree";

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:[#;].*)?$/;

/** "skip": a section of a kind Ansible does not have, whose lines are left out. */
type SectionKind = "hosts" | "vars" | "children" | "skip";

/**
 * Reads an inventory in the format of Ansible's `ini` inventory plugin: `[group]` sections of host
 * lines (`name [key=value …]`, `name:port`, ranges such as `web[01:20]`), `[group:vars]` sections of
 * `key=value` lines and `[group:children]` sections of group names; hosts before any section are
 * ungrouped; `#` and `;` start comments. Values stay strings, as the ones of `:vars` sections are.
 * What it cannot read is listed in `problems` with its line, and the rest is still read.
 */
export function readIniInventory(text: string): InventoryTree {
  const tree = emptyTree();
  let group = "ungrouped";
  let kind: SectionKind = "hosts";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    const problem = (reason: StoredText) => tree.problems.push({ line, text: trimmed, reason });
    const section = SECTION.exec(trimmed);
    if (section) {
      const suffix = section[2];
      if (suffix !== undefined && suffix !== "vars" && suffix !== "children") {
        problem(because("sectionSuffix", { suffix }));
        kind = "skip";
        return;
      }
      group = section[1]!;
      kind = suffix === "vars" || suffix === "children" ? suffix : "hosts";
      groupOf(tree, group);
      return;
    }
    if (trimmed.startsWith("[")) return problem(because("notSection"));
    if (kind === "skip") return;
    if (kind === "vars") {
      const eq = trimmed.indexOf("=");
      if (eq <= 0) return problem(because("varsLine"));
      groupOf(tree, group).vars[trimmed.slice(0, eq).trim()] = unquote(trimmed.slice(eq + 1).trim());
      return;
    }
    let tokens: string[];
    try {
      tokens = splitWords(trimmed);
    } catch (err) {
      return problem(reasonOf(err));
    }
    if (tokens.length === 0) return;
    if (kind === "children") {
      if (tokens.length > 1) return problem(because("childrenLine"));
      groupOf(tree, group).children.add(tokens[0]!);
      groupOf(tree, tokens[0]!);
      return;
    }
    const vars: InventoryVars = {};
    for (const token of tokens.slice(1)) {
      const eq = token.indexOf("=");
      if (eq <= 0) return problem(because("notKeyValue", { token }));
      vars[token.slice(0, eq)] = token.slice(eq + 1);
    }
    const { pattern, port } = splitPort(tokens[0]!);
    addHosts(tree, group, pattern, port === null ? vars : { ansible_port: port, ...vars }, line);
  });
  return tree;
}

/** `name:port` (and `[v6 address]:port`) as the host line's own port; a bare IPv6 address or range keeps its colons. */
function splitPort(token: string): { pattern: string; port: string | null } {
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(token);
  if (v6) return { pattern: v6[1]!, port: v6[2]! };
  const plain = /^([^:[\]]+):(\d+)$/.exec(token);
  if (plain) return { pattern: plain[1]!, port: plain[2]! };
  const ranged = /^(.*\][^:]*):(\d+)$/.exec(token);
  if (ranged && !ranged[1]!.includes("::")) return { pattern: ranged[1]!, port: ranged[2]! };
  return { pattern: token, port: null };
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.length >= 2 && value.endsWith(q) ? value.slice(1, -1) : value;
}
