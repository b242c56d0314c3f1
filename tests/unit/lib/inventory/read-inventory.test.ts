import { describe, expect, it } from "vitest";
import { readInventory as readAsData } from "@/lib/inventory/read-inventory";
import { renderTextsIn } from "@/server/i18n/render-texts";
import { chinese, english } from "../../../support/i18n";

/** The inventory as read, its notes said in English (they are kept as catalogue messages until shown). */
const readInventory = (...args: Parameters<typeof readAsData>) => renderTextsIn(readAsData(...args), english);

const INI = `# the fleet
jump.example.net ansible_host=192.0.2.10

[web]
web[01:03].example.net
web-canary.example.net:2222 ansible_user=deploy   # the canary logs in as deploy

[db]
db-[a:b].example.net
10.0.0.5 ansible_port=2200

[prod:children]
web
db

[prod:vars]
ansible_user=ops
ansible_ssh_private_key_file=~/.ssh/prod_ed25519
ansible_ssh_common_args='-J ops@jump.example.net:2222 -o StrictHostKeyChecking=no'

[web:vars]
ansible_user=www

[windows]
win01 ansible_connection=winrm

[all:vars]
ansible_become=true
ansible_password=hunter2
`;

const YAML = `
all:
  hosts:
    jump.example.net:
      ansible_host: 192.0.2.10
  vars:
    ansible_become: true
    ansible_password: hunter2
  children:
    prod:
      vars:
        ansible_user: ops
        ansible_ssh_private_key_file: ~/.ssh/prod_ed25519
        ansible_ssh_common_args: -J ops@jump.example.net:2222 -o StrictHostKeyChecking=no
      children:
        web:
          hosts:
            web[01:03].example.net:
            web-canary.example.net:
              ansible_port: 2222
              ansible_user: deploy
          vars:
            ansible_user: www
        db:
          hosts:
            db-[a:b].example.net:
            10.0.0.5:
              ansible_port: 2200
    windows:
      hosts:
        win01:
          ansible_connection: winrm
`;

const byName = (read: ReturnType<typeof readInventory>) => new Map(read.hosts.map((h) => [h.name, h]));

describe("reading an Ansible inventory", () => {
  it("expands ranges, resolves children to tags and merges variables as Ansible does", () => {
    const read = readInventory(INI);
    expect(read.format).toBe("ini");
    expect(read.problems).toEqual([]);
    expect(read.hosts.map((h) => h.name)).toEqual([
      "jump.example.net",
      "web01.example.net",
      "web02.example.net",
      "web03.example.net",
      "web-canary.example.net",
      "db-a.example.net",
      "db-b.example.net",
      "10.0.0.5",
    ]);
    const hosts = byName(read);
    // web is a child of prod, so web's user wins over prod's; prod's key and jump host apply to both.
    expect(hosts.get("web02.example.net")).toMatchObject({
      address: "web02.example.net",
      port: null,
      user: "www",
      keyFile: "~/.ssh/prod_ed25519",
      jump: "ops@jump.example.net:2222",
      groups: ["prod", "web"],
    });
    // The host's own variables win over every group's.
    expect(hosts.get("web-canary.example.net")).toMatchObject({ port: 2222, user: "deploy", groups: ["prod", "web"] });
    expect(hosts.get("10.0.0.5")).toMatchObject({ address: "10.0.0.5", port: 2200, user: "ops", groups: ["db", "prod"] });
    expect(hosts.get("jump.example.net")).toMatchObject({ address: "192.0.2.10", user: null, jump: null, groups: [] });
    expect(read.skipped).toEqual([{ name: "win01", reason: "ansible_connection=winrm: not reached over SSH" }]);
    expect(renderTextsIn(readAsData(INI).skipped, chinese)).toEqual([
      { name: "win01", reason: "ansible_connection=winrm：不通过 SSH 连接" },
    ]);
  });

  it("lists what it does not apply, and never a secret's value", () => {
    const read = readInventory(INI);
    const web = byName(read).get("web01.example.net")!;
    expect(web.notApplied.map((n) => n.variable)).toEqual(["ansible_password", "ansible_become", "ansible_ssh_common_args"]);
    expect(web.notApplied.find((n) => n.variable === "ansible_password")!.reason).toMatch(/secret .* not imported/);
    expect(web.notApplied.find((n) => n.variable === "ansible_ssh_common_args")!.reason).toMatch(
      /StrictHostKeyChecking: twscope always checks host keys/,
    );
    expect(JSON.stringify(read)).not.toContain("hunter2");
  });

  it("reads the YAML form of the same inventory as the same hosts", () => {
    const yaml = readInventory(YAML);
    expect(yaml.format).toBe("yaml");
    expect(yaml.problems).toEqual([]);
    const ini = readInventory(INI);
    expect(new Set(yaml.hosts.map((h) => h.name))).toEqual(new Set(ini.hosts.map((h) => h.name)));
    const iniHosts = byName(ini);
    for (const h of yaml.hosts) expect(h, h.name).toEqual(iniHosts.get(h.name));
    expect(yaml.skipped).toEqual(ini.skipped);
  });

  it("gives a grandchild group's variables precedence over its ancestors' whatever their names", () => {
    const read = readInventory(
      `[a_child]\nh1\n[z_parent:children]\nm_middle\n[m_middle:children]\na_child\n[z_parent:vars]\nansible_user=top\n[m_middle:vars]\nansible_user=middle\n[a_child:vars]\nansible_port=2022\n`,
    );
    expect(read.hosts).toEqual([
      expect.objectContaining({ name: "h1", user: "middle", port: 2022, groups: ["a_child", "m_middle", "z_parent"] }),
    ]);
  });

  it("takes a jump host from -o ProxyJump= too, and refuses to run a ProxyCommand", () => {
    const read = readInventory(
      `a ansible_ssh_common_args="-o ProxyJump=bastion:2200"\nb ansible_ssh_extra_args="-o 'ProxyCommand ssh -W %h:%p gw'"\n`,
    );
    const [a, b] = read.hosts;
    expect(a).toMatchObject({ jump: "bastion:2200", notApplied: [] });
    expect(b!.jump).toBeNull();
    expect(b!.notApplied).toEqual([
      { variable: "ansible_ssh_extra_args", reason: expect.stringMatching(/^ProxyCommand: twscope never runs a command/) },
    ]);
  });

  it("leaves out Jinja2 templates and values that are not ports, saying so", () => {
    const read = readInventory(`h ansible_host="{{ lookup('env', 'H') }}" ansible_port=ssh ansible_user=ops`);
    expect(read.hosts[0]).toMatchObject({ address: "h", port: null, user: "ops" });
    expect(read.hosts[0]!.notApplied).toEqual([
      { variable: "ansible_host", reason: "a Jinja2 template, which twscope does not evaluate" },
      { variable: "ansible_port", reason: '"ssh" is not a TCP port' },
    ]);
  });

  it("reads the rest of an INI inventory around the lines it cannot, naming each by its line", () => {
    const read = readInventory(`[web]\nweb1\nweb2 user\n[web:bogus]\nx\n[db]\ndb1 ansible_user="unclosed\ndb[9:1]\ndb2\n`);
    expect(read.hosts.map((h) => h.name)).toEqual(["web1", "db2"]);
    expect(read.problems).toEqual([
      { line: 3, text: "web2 user", reason: '"user" is not key=value' },
      { line: 4, text: "[web:bogus]", reason: "a section is [group], [group:vars] or [group:children], not :bogus; its lines are skipped" },
      { line: 7, text: 'db1 ansible_user="unclosed', reason: 'an unclosed " quote' },
      { line: 8, text: "db[9:1]", reason: "db[9:1]: the range starts after it ends" },
    ]);
  });

  it("names where a YAML inventory does not have the expected shape, and reads the rest", () => {
    const read = readInventory(
      `all:\n  children:\n    web:\n      hosts: [web1]\n      vars: {ansible_user: ops}\n    db:\n      host:\n        db1:\n      hosts:\n        db2:\n`,
      "yaml",
    );
    expect(read.hosts.map((h) => h.name)).toEqual(["db2"]);
    expect(read.problems).toEqual([
      { line: null, text: "all.children.web.hosts", reason: "hosts is a mapping of host names to their variables" },
      { line: null, text: "all.children.db.host", reason: "a group has only hosts, vars and children" },
    ]);
  });

  it("treats a plain list of host names as INI", () => {
    const read = readInventory("alpha\nbeta:2200\n");
    expect(read.format).toBe("ini");
    expect(read.hosts.map((h) => [h.name, h.port])).toEqual([
      ["alpha", null],
      ["beta", 2200],
    ]);
  });
});

describe("what an inventory cannot be read for, in Chinese", () => {
  it("says each line's and entry's problem from the same data", () => {
    const ini = renderTextsIn(readAsData(`[web]\nweb2 user\n[web:bogus]\n[db]\ndb1 ansible_user="unclosed\ndb[9:1]\n`), chinese);
    expect(ini.problems.map((p) => p.reason)).toEqual([
      '"user" 不是 key=value 形式',
      "段落写作 [group]、[group:vars] 或 [group:children]，不能是 :bogus；该段的行已跳过",
      '" 引号没有闭合',
      "db[9:1]：范围的起点在终点之后",
    ]);
    const yaml = renderTextsIn(readAsData("- web1\n", "yaml"), chinese);
    expect(yaml.problems).toEqual([{ line: null, text: "（整个文档）", reason: "YAML 清单须为以组名为键的映射" }]);
    expect(readInventory("- web1\n", "yaml").problems).toEqual([
      { line: null, text: "(the document)", reason: "a YAML inventory is a mapping of group names" },
    ]);
  });
});
