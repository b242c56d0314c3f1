import type { StoredText } from "../i18n/message";
import { expandHostPattern } from "./host-ranges";
import { reasonOf } from "./inventory-problem";

/** Variables as an inventory sets them: INI gives strings, YAML any value. */
export type InventoryVars = Record<string, unknown>;

export interface InventoryGroup {
  /** Hosts listed in the group itself (not through its children). */
  hosts: Set<string>;
  vars: InventoryVars;
  children: Set<string>;
}

/** A line twscope could not read, or read and did not use: shown with the import, never skipped silently. */
export interface InventoryProblem {
  /** 1-based line of the inventory text, when the format has lines to point at. */
  line: number | null;
  /** The line as written, or where in a YAML document (`all.children.web.hosts`, "(the document)"). */
  text: StoredText;
  reason: StoredText;
}

/** An inventory as read, before groups are resolved: what Ansible's INI and YAML formats both say. */
export interface InventoryTree {
  groups: Map<string, InventoryGroup>;
  /** Each host's own variables (merged over every line that names it, later lines winning). */
  hosts: Map<string, InventoryVars>;
  problems: InventoryProblem[];
}

export const emptyTree = (): InventoryTree => ({ groups: new Map([["all", newGroup()]]), hosts: new Map(), problems: [] });

const newGroup = (): InventoryGroup => ({ hosts: new Set(), vars: {}, children: new Set() });

/** The group named `name`, made empty on first mention (a group may be named as a child before it is defined). */
export function groupOf(tree: InventoryTree, name: string): InventoryGroup {
  let group = tree.groups.get(name);
  if (!group) tree.groups.set(name, (group = newGroup()));
  return group;
}

/** Adds every host `pattern` stands for to `group`, with `vars`; a pattern that cannot be expanded becomes a problem. */
export function addHosts(tree: InventoryTree, group: string, pattern: string, vars: InventoryVars, line: number | null): void {
  let names: string[];
  try {
    names = expandHostPattern(pattern);
  } catch (err) {
    tree.problems.push({ line, text: pattern, reason: reasonOf(err) });
    return;
  }
  const members = groupOf(tree, group).hosts;
  for (const name of names) {
    members.add(name);
    tree.hosts.set(name, { ...tree.hosts.get(name), ...vars });
  }
}
