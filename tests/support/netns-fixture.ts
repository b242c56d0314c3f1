import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { procTables, type TableSocket } from "./socket-tables";

const HOST_6X = fileURLToPath(new URL("../fixtures/probe/host-6x", import.meta.url));

const HEX = (c: string) => c.repeat(64);
const tw = (local: TableSocket["local"], peer: TableSocket["local"]): TableSocket => ({ state: "TIME-WAIT", local, peer });

interface FakeProcess {
  pid: number;
  netns: number;
  comm: string;
  cgroup: string;
  sockets?: number[];
}
interface FakeNamespace {
  inode: number;
  sockets: TableSocket[];
  /** Files under the namespace's /proc/sys, as `nsenter -n -u` would show them; absent: the host's. */
  sys: Record<string, string>;
}

/** The host's namespace and three others: a Kubernetes pod, a Docker container and an idle one. */
export const NETNS = {
  host: 4026531840,
  namespaces: [
    {
      inode: 4026532100,
      sockets: [
        { state: "LISTEN", local: { address: "0.0.0.0", port: 80 }, inode: 9001 },
        ...Array.from({ length: 30 }, (_, i) => tw({ address: "10.244.1.7", port: 80 }, { address: "10.244.0.1", port: 50000 + i })),
      ],
      sys: { "kernel/hostname": "web-5d8f7", "net/ipv4/tcp_tw_reuse": "0", "net/ipv4/ip_local_port_range": "32768\t60999" },
    },
    {
      inode: 4026532200,
      sockets: [
        { state: "ESTAB", local: { address: "172.17.0.2", port: 40100 }, peer: { address: "10.1.0.5", port: 5432 }, inode: 9101 },
        ...Array.from({ length: 12 }, (_, i) => tw({ address: "172.17.0.2", port: 40200 + i }, { address: "10.1.0.5", port: 5432 })),
      ],
      sys: { "net/ipv4/ip_local_port_range": "40000\t40999" },
    },
    { inode: 4026532300, sockets: [], sys: {} },
  ] as FakeNamespace[],
  processes: [
    { pid: 1, netns: 4026531840, comm: "systemd", cgroup: "0::/init.scope" },
    {
      pid: 500,
      netns: 4026532100,
      comm: "nginx",
      cgroup: `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1b2c3d4e_5f60_7182_93a4_b5c6d7e8f901.slice/cri-containerd-${HEX("a")}.scope`,
    },
    { pid: 501, netns: 4026532100, comm: "nginx", cgroup: `0::/kubepods.slice/x/cri-containerd-${HEX("a")}.scope`, sockets: [9001] },
    { pid: 600, netns: 4026532200, comm: "python3", cgroup: `0::/system.slice/docker-${HEX("b")}.scope`, sockets: [9101] },
    { pid: 700, netns: 4026532300, comm: "sleep", cgroup: "0::/user.slice" },
  ] as FakeProcess[],
  dockerId: HEX("b"),
};

/**
 * NETNS as a /proc tree under `out/proc` (a copy of the host-6x capture for the host's own files),
 * with `out/nsenter`: a stand-in for `nsenter -t PID -n -u grep -H . FILES…` that reads each
 * PROC/sys file from the namespace's own set (PROC/PID/ns-sys), else the host's.
 */
export function makeNetnsInput(out: string): { proc: string; nsenter: string } {
  const proc = path.join(out, "proc");
  fs.cpSync(path.join(HOST_6X, "proc"), proc, { recursive: true });
  fs.mkdirSync(path.join(proc, "sys/kernel"), { recursive: true });
  fs.writeFileSync(path.join(proc, "sys/kernel/hostname"), "node-1\n");
  fs.mkdirSync(path.join(proc, "self/ns"), { recursive: true });
  fs.symlinkSync(`net:[${NETNS.host}]`, path.join(proc, "self/ns/net"));
  for (const p of NETNS.processes) {
    const dir = path.join(proc, String(p.pid));
    fs.mkdirSync(path.join(dir, "ns"), { recursive: true });
    fs.mkdirSync(path.join(dir, "fd"), { recursive: true });
    fs.symlinkSync(`net:[${p.netns}]`, path.join(dir, "ns/net"));
    fs.writeFileSync(path.join(dir, "comm"), `${p.comm}\n`);
    fs.writeFileSync(path.join(dir, "cgroup"), `${p.cgroup}\n`);
    fs.writeFileSync(path.join(dir, "status"), `Name:\t${p.comm}\nUid:\t0\t0\t0\t0\n`);
    (p.sockets ?? []).forEach((inode, i) => fs.symlinkSync(`socket:[${inode}]`, path.join(dir, "fd", String(3 + i))));
    const ns = NETNS.namespaces.find((n) => n.inode === p.netns);
    if (!ns) continue;
    const tables = procTables(ns.sockets);
    const count = ns.sockets.filter((s) => s.state === "TIME-WAIT").length;
    fs.mkdirSync(path.join(dir, "net"), { recursive: true });
    fs.writeFileSync(path.join(dir, "net/tcp"), tables.tcp);
    fs.writeFileSync(path.join(dir, "net/tcp6"), tables.tcp6);
    fs.writeFileSync(path.join(dir, "net/sockstat"), `sockets: used 10\nTCP: inuse 2 orphan 0 tw ${count} alloc 3 mem 1\n`);
    for (const [file, value] of Object.entries(ns.sys)) {
      fs.mkdirSync(path.dirname(path.join(dir, "ns-sys", file)), { recursive: true });
      fs.writeFileSync(path.join(dir, "ns-sys", file), `${value}\n`);
    }
  }
  const nsenter = path.join(out, "nsenter");
  fs.writeFileSync(
    nsenter,
    `#!/usr/bin/env node
const fs = require("node:fs");
const [, , , pid, , , , , , ...files] = process.argv;
const proc = ${JSON.stringify(proc)};
for (const f of files) {
  const own = f.replace(proc + "/sys/", proc + "/" + pid + "/ns-sys/");
  const file = fs.existsSync(own) ? own : f;
  if (fs.existsSync(file)) for (const line of fs.readFileSync(file, "utf8").split("\\n").filter(Boolean)) console.log(f + ":" + line);
}
`,
    { mode: 0o755 },
  );
  return { proc, nsenter };
}
