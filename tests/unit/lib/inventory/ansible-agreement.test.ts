import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectionOf } from "@/lib/inventory/connection-vars";
import { readInventory } from "@/lib/inventory/read-inventory";

/**
 * The same inventories read by Ansible itself (`ansible-inventory --list`, from Debian's ansible-core,
 * which the test command installs): twscope must find the same hosts, in the same groups, with the
 * connection Ansible's merged variables give.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-ansible-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface AnsibleList {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  [group: string]: { hosts?: string[]; children?: string[] } | AnsibleList["_meta"];
}

function ansibleRead(file: string, text: string): { groups: Map<string, string[]>; vars: Record<string, Record<string, unknown>> } {
  const at = path.join(dir, file);
  fs.writeFileSync(at, text);
  const out = execFileSync("ansible-inventory", ["-i", at, "--list"], {
    encoding: "utf8",
    env: { ...process.env, HOME: dir, ANSIBLE_LOCAL_TEMP: path.join(dir, "tmp"), ANSIBLE_NOCOLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const list = JSON.parse(out) as AnsibleList;
  const parents = new Map<string, string[]>();
  const direct = new Map<string, string[]>();
  for (const [group, def] of Object.entries(list)) {
    if (group === "_meta") continue;
    const { hosts = [], children = [] } = def as { hosts?: string[]; children?: string[] };
    for (const child of children) parents.set(child, [...(parents.get(child) ?? []), group]);
    for (const host of hosts) direct.set(host, [...(direct.get(host) ?? []), group]);
  }
  const groups = new Map<string, string[]>();
  for (const host of Object.keys(list._meta.hostvars)) {
    const seen = new Set<string>();
    const stack = [...(direct.get(host) ?? [])];
    while (stack.length) {
      const g = stack.pop()!;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...(parents.get(g) ?? []));
    }
    groups.set(host, [...seen].filter((g) => g !== "all" && g !== "ungrouped").sort());
  }
  return { groups, vars: list._meta.hostvars };
}

const CASES: [string, string][] = [
  [
    "fleet.ini",
    `lone ansible_host=192.0.2.7 ansible_port=2022
[web]
web[01:12:5].example ansible_user=deploy
web-b.example:2222
[web:vars]
ansible_user=www
ansible_ssh_private_key_file=/keys/web
[db]
db-[a:c] ansible_host=10.1.0.1
web-b.example ansible_user=both
[zz_parent:children]
aa_child
[aa_child:children]
db
[zz_parent:vars]
ansible_user=parent
ansible_port=2200
[aa_child:vars]
ansible_user=child
[all:vars]
ansible_user=everyone
`,
  ],
  [
    "fleet.yml",
    `all:
  vars:
    ansible_user: everyone
  hosts:
    lone:
      ansible_host: 192.0.2.7
  children:
    edge:
      hosts:
        edge[1:3]:
          ansible_port: 2201
      children:
        edge_eu:
          vars:
            ansible_user: eu
          hosts:
            edge2:
            eu[a:b]:
    prod:
      vars:
        ansible_ssh_private_key_file: /keys/prod
      children:
        edge_eu:
`,
  ],
];

describe("an inventory as Ansible reads it", () => {
  it.each(CASES)("%s: the same hosts, groups and connections as ansible-inventory --list", (file, text) => {
    const ansible = ansibleRead(file, text);
    const ours = readInventory(text);
    expect(ours.problems).toEqual([]);
    expect(ours.hosts.map((h) => h.name).sort()).toEqual([...ansible.groups.keys()].sort());
    for (const host of ours.hosts) {
      expect(host.groups, `${host.name}'s groups`).toEqual(ansible.groups.get(host.name));
      const theirs = connectionOf(host.name, ansible.vars[host.name]!);
      expect("connection" in theirs && theirs.connection, `${host.name}'s connection`).toEqual({
        address: host.address,
        port: host.port,
        user: host.user,
        keyFile: host.keyFile,
        jump: host.jump,
      });
    }
  });
});
