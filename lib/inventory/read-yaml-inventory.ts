import { parse } from "yaml";
import { problem as because } from "./inventory-problem";
import { addHosts, emptyTree, groupOf, type InventoryTree, type InventoryVars } from "./inventory-tree";

const GROUP_KEYS = new Set(["hosts", "vars", "children"]);

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an inventory in the format of Ansible's `yaml` inventory plugin: top-level groups (usually
 * `all`), each a mapping of `hosts` (host patterns to their variables), `vars` and `children` (groups
 * of the same shape). What does not fit is listed in `problems`, named by where it is
 * (`all.children.web.hosts`), and the rest is still read. Throws only when the text is not YAML.
 */
export function readYamlInventory(text: string): InventoryTree {
  const doc: unknown = parse(text, { maxAliasCount: 100 });
  const tree = emptyTree();
  if (doc === null || doc === undefined) return tree;
  if (!isMapping(doc)) {
    tree.problems.push({ line: null, text: because("theDocument"), reason: because("yamlDocument") });
    return tree;
  }
  for (const [name, def] of Object.entries(doc)) readGroup(tree, name, def, name);
  return tree;
}

function readGroup(tree: InventoryTree, name: string, def: unknown, where: string): void {
  const group = groupOf(tree, name);
  if (def === null || def === undefined) return;
  const problem = (at: string, key: string) => void tree.problems.push({ line: null, text: at, reason: because(key) });
  if (!isMapping(def)) return problem(where, "yamlGroup");
  for (const key of Object.keys(def)) if (!GROUP_KEYS.has(key)) problem(`${where}.${key}`, "yamlGroupKeys");
  const { hosts, vars, children } = def;
  if (isMapping(vars)) Object.assign(group.vars, vars);
  else if (vars != null) problem(`${where}.vars`, "yamlVars");
  if (isMapping(hosts)) {
    for (const [pattern, hostVars] of Object.entries(hosts)) {
      if (hostVars != null && !isMapping(hostVars)) problem(`${where}.hosts.${pattern}`, "yamlHostEntry");
      else addHosts(tree, name, pattern, (hostVars ?? {}) as InventoryVars, null);
    }
  } else if (hosts != null) problem(`${where}.hosts`, "yamlHosts");
  if (isMapping(children)) {
    for (const [child, childDef] of Object.entries(children)) {
      group.children.add(child);
      readGroup(tree, child, childDef, `${where}.children.${child}`);
    }
  } else if (children != null) problem(`${where}.children`, "yamlChildren");
}
