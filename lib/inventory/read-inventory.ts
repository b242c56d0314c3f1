import { msg, type StoredText } from "../i18n/message";
import { parse } from "yaml";
import { connectionOf, type InventoryConnection, type NotApplied } from "./connection-vars";
import type { InventoryProblem, InventoryTree, InventoryVars } from "./inventory-tree";
import { readIniInventory } from "./read-ini-inventory";
import { readYamlInventory } from "./read-yaml-inventory";

/** The groups every inventory has, which say nothing about a host. */
const IMPLICIT_GROUPS = new Set(["all", "ungrouped"]);

export interface InventoryHost extends InventoryConnection {
  /** The inventory hostname (twscope's host name). */
  name: string;
  /** Every group the host is in, through children too, but `all` and `ungrouped`; sorted. */
  groups: string[];
  notApplied: NotApplied[];
}

export interface InventoryRead {
  format: "ini" | "yaml";
  hosts: InventoryHost[];
  /** Hosts left out, with why. */
  skipped: { name: string; reason: StoredText }[];
  problems: InventoryProblem[];
}

/**
 * Reads an Ansible inventory, INI or YAML (`format`, or guessed: YAML when the text is a YAML
 * mapping of groups, INI otherwise, as Ansible tries its yaml plugin before its ini one), into the
 * hosts it lists with their groups and resolved connection variables. Variables merge as Ansible
 * merges them: `all`, then groups by depth (parents before children, by name at the same depth),
 * then the host's own.
 */
export function readInventory(text: string, format?: "ini" | "yaml"): InventoryRead {
  const chosen = format ?? guessFormat(text);
  const tree = chosen === "yaml" ? readYamlInventory(text) : readIniInventory(text);
  const { hosts, skipped } = resolveHosts(tree);
  return { format: chosen, hosts, skipped, problems: tree.problems };
}

function guessFormat(text: string): "ini" | "yaml" {
  try {
    const doc: unknown = parse(text, { maxAliasCount: 100 });
    const groups = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? Object.values(doc) : null;
    return groups && groups.length > 0 && groups.every((g) => g === null || (typeof g === "object" && !Array.isArray(g))) ? "yaml" : "ini";
  } catch {
    return "ini";
  }
}

function resolveHosts(tree: InventoryTree): Pick<InventoryRead, "hosts" | "skipped"> {
  const parents = new Map<string, Set<string>>();
  for (const [name, group] of tree.groups) {
    for (const child of group.children) {
      if (!parents.has(child)) parents.set(child, new Set());
      parents.get(child)!.add(name);
    }
  }
  const depth = depthsOf(tree, parents);
  const ancestors = (groups: Iterable<string>): Set<string> => {
    const seen = new Set<string>(["all"]);
    const stack = [...groups];
    while (stack.length > 0) {
      const g = stack.pop()!;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...(parents.get(g) ?? []));
    }
    return seen;
  };
  const hosts: InventoryHost[] = [];
  const skipped: InventoryRead["skipped"] = [];
  for (const [name, own] of tree.hosts) {
    const direct = [...tree.groups].filter(([, g]) => g.hosts.has(name)).map(([g]) => g);
    const groups = [...ancestors(direct)].sort((a, b) => depth.get(a)! - depth.get(b)! || a.localeCompare(b));
    const vars: InventoryVars = {};
    for (const g of groups) Object.assign(vars, tree.groups.get(g)!.vars);
    Object.assign(vars, own);
    const read = connectionOf(name, vars);
    if ("skip" in read) {
      skipped.push({ name, reason: read.skip });
      continue;
    }
    hosts.push({
      name,
      ...read.connection,
      groups: groups.filter((g) => !IMPLICIT_GROUPS.has(g)).sort(),
      notApplied: read.notApplied,
    });
  }
  return { hosts, skipped };
}

/** Each group's depth below `all` (its longest path of parents); a cycle of children is cut and reported. */
function depthsOf(tree: InventoryTree, parents: Map<string, Set<string>>): Map<string, number> {
  const depth = new Map<string, number>([["all", 0]]);
  const visiting = new Set<string>();
  const of = (g: string): number => {
    const known = depth.get(g);
    if (known !== undefined) return known;
    if (visiting.has(g)) {
      tree.problems.push({ line: null, text: g, reason: msg("inventory.reasons.groupLoop") });
      return 0;
    }
    visiting.add(g);
    const d = 1 + Math.max(0, ...[...(parents.get(g) ?? [])].map(of));
    visiting.delete(g);
    depth.set(g, d);
    return d;
  };
  for (const g of tree.groups.keys()) of(g);
  return depth;
}
