import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROBE_SYSCTLS } from "@/lib/bundle/plain/sysctl-sections";
import { TCP_STATES } from "@/lib/types";
import { OWNERS, makeOwnersInput } from "../support/owners-fixture";
import { procTables, ssTable, type TableSocket } from "../support/socket-tables";

// Runs the real probe (server/probe/twscope-probe.sh) the way the poller does, `sh -s` with the
// script on stdin, against captured ss output and /proc trees (tests/fixtures/probe).

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = fs.readFileSync(path.join(ROOT, "server/probe/twscope-probe.sh"), "utf8");
const FIXTURES = path.join(ROOT, "tests/fixtures/probe");
const BUNDLES = path.join(ROOT, "tests/fixtures/bundles");

const SECTION_ORDER = [
  "twscope-probe 1",
  "meta",
  "kernel",
  "sockstat",
  "sockstat6",
  "netstat",
  "snmp",
  "sysctl",
  "sysctl-conf",
  "states",
  "listen",
  "tw-server",
  "tw-client",
  "tw-totals",
  "owners",
  "netns",
  "conntrack",
  "end",
];
// The @@tw-totals section of a probe that found no TIME_WAIT sockets.
const NO_TIME_WAIT_TOTALS = ["total 0", "server 0", "client 0", "server-ports 0", "client-peers 0", "server-not-listening 0"];
const SOCKET_SECTIONS = ["states", "listen", "tw-server", "tw-client", "tw-totals"];
// Commands the probe (and the fake ss below) run besides the shell builtins.
const TOOLS = ["awk", "cat", "date", "id", "uname"];

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const file = path.join(dir || ".", cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not in this directory
    }
  }
  return null;
}

interface Runner {
  name: string;
  shell: string[];
  /** Directory put first on PATH: busybox applets, or an `awk` link to one awk. */
  binDir?: () => string;
  available: boolean;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-probe-"));
function dir(name: string): string {
  const full = path.join(tmp, name);
  fs.mkdirSync(full, { recursive: true });
  return full;
}

const busybox = which("busybox");
const shPath = which("sh");
const bashPath = which("bash");
const realAwk = which("awk") && fs.realpathSync(which("awk")!);
const runners: Runner[] = [
  { name: "sh with the system awk", shell: [shPath ?? "/bin/sh"], available: shPath !== null },
  { name: "bash with the system awk", shell: [bashPath ?? "bash"], available: bashPath !== null },
  {
    name: "busybox sh with busybox awk and tools",
    shell: [busybox ?? "busybox", "sh"],
    binDir: () => path.join(tmp, "busybox-bin"),
    available: busybox !== null,
  },
];
// mawk or gawk when installed but not already the system awk.
for (const awk of ["mawk", "gawk"]) {
  const found = which(awk);
  if (found && fs.realpathSync(found) !== realAwk) {
    runners.push({ name: `sh with ${awk}`, shell: [shPath ?? "/bin/sh"], binDir: () => path.join(tmp, `${awk}-bin`), available: true });
  }
}

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  sections: Map<string, string[]>;
}

function parseSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("@@")) sections.set(line.slice(2), (current = []));
    else if (current && line !== "") current.push(line);
  }
  return sections;
}

function probe(runner: Runner, env: Record<string, string> = {}, pathDirs?: string[], account?: number): Result {
  const dirs = pathDirs ?? [runner.binDir?.(), process.env.PATH].filter((d): d is string => !!d);
  const res = spawnSync(runner.shell[0]!, [...runner.shell.slice(1), "-s"], {
    input: SCRIPT,
    encoding: "utf8",
    // An empty /etc root unless a test gives one, so the host's own sysctl files do not leak in.
    env: { NODE_ENV: "test", PATH: dirs.join(":"), TWSCOPE_ETC_ROOT: "/nonexistent-twscope-etc", ...env },
    timeout: 15_000,
    maxBuffer: 4 << 20,
    ...(account === undefined ? {} : { uid: account, gid: account }),
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, sections: parseSections(res.stdout) };
}

function section(res: Result, name: string): string[] {
  const lines = res.sections.get(name);
  if (!lines) throw new Error(`no @@${name} section in:\n${res.stdout}\n${res.stderr}`);
  return lines;
}

function expectComplete(res: Result) {
  expect(res.status, res.stderr).toBe(0);
  expect(res.stdout.startsWith("@@twscope-probe 1\n")).toBe(true);
  expect(res.stdout.endsWith("@@end\n")).toBe(true);
  expect([...res.sections.keys()]).toEqual(SECTION_ORDER);
}

function socketSections(res: Result) {
  return Object.fromEntries(SOCKET_SECTIONS.map((s) => [s, section(res, s)]));
}

/**
 * A stand-in for ss that prints a fixture's captures and logs its arguments: `ss-ltn.txt` for
 * `-tn state listening` (without the State column, as ss prints a single state), `ss-tan.txt`
 * for `-tan`. It drains its stdin first: if the probe let it inherit the script on stdin, the
 * bundle would lose its end. `fail` fails every call; `fail-tan` prints part of the list, then fails.
 */
function fakeSs(name: string, fixtureDir: string, mode: "ok" | "fail" | "fail-tan" = "ok"): string {
  const file = path.join(tmp, `ss-${name}`);
  const tan = mode === "fail-tan" ? `head -n 20 '${fixtureDir}/ss-tan.txt'; exit 1` : `exec cat '${fixtureDir}/ss-tan.txt'`;
  const body =
    mode === "fail"
      ? `echo "Cannot open netlink socket: Permission denied" >&2; exit 1`
      : `case "$*" in *H*) echo "ss: invalid option -- 'H'" >&2; exit 255 ;; esac
case "$*" in
  "-tn state listening") exec sed -e '1s/^State *//' -e '1!s/^[A-Z-]* *//' '${fixtureDir}/ss-ltn.txt' ;;
  -tan) ${tan} ;;
  *) echo "ss: unexpected arguments $*" >&2; exit 2 ;;
esac`;
  fs.writeFileSync(file, `#!/bin/sh\ncat >/dev/null\necho "$*" >>'${file}.log'\n${body}\n`, { mode: 0o755 });
  return file;
}

const fixture = (name: string) => path.join(FIXTURES, name);
// A fixture run gives the same bundle every time (but for meta), so each is made once per runner.
const runs = new Map<string, Result>();
function once(key: string, run: () => Result): Result {
  if (!runs.has(key)) runs.set(key, run());
  return runs.get(key)!;
}
function viaSs(runner: Runner, name: string): Result {
  return once(`${runner.name}|ss|${name}`, () =>
    probe(runner, { TWSCOPE_PROC: path.join(fixture(name), "proc"), TWSCOPE_SS: fakeSs(`${name}-${runner.name}`, fixture(name)) }),
  );
}
function viaProc(runner: Runner, name: string): Result {
  return once(`${runner.name}|proc|${name}`, () => probe(runner, { TWSCOPE_PROC: path.join(fixture(name), "proc"), TWSCOPE_SS: "none" }));
}

// What the captures hold: see tests/fixtures/probe/README.md.
const HOST_6X = {
  states: ["ESTAB 4", "TIME-WAIT 46", "LISTEN 6"],
  listen: ["2024", "18080", "18081", "18090", "18091", "18092"],
  "tw-server": ["18080 15", "18081 12"],
  "tw-client": ["127.0.0.1:18090 9", "[::1]:18091 6", "127.0.0.1:18092 4"],
  "tw-totals": ["total 46", "server 27", "client 19", "server-ports 2", "client-peers 3", "server-not-listening 0"],
};
const CENTOS7 = {
  states: ["ESTAB 2", "SYN-SENT 1", "FIN-WAIT-2 1", "TIME-WAIT 20", "CLOSE-WAIT 1", "LAST-ACK 1", "LISTEN 6"],
  listen: ["22", "25", "80", "8080"],
  "tw-server": ["80 4", "8080 4"],
  "tw-client": ["10.0.0.21:8080 5", "10.0.0.21:3306 2", "10.0.0.22:8080 2", "[2001:db8::21]:443 2", "10.0.0.30:6379 1"],
  "tw-totals": ["total 20", "server 8", "client 12", "server-ports 2", "client-peers 5", "server-not-listening 0"],
};
const FORMS = {
  states: ["TIME-WAIT 22", "CLOSE 1", "LISTEN 7"],
  listen: ["22", "25", "53", "443", "7000", "8443", "9000"],
  // 8443 has an IPv4 TIME_WAIT socket listed before its (IPv6-only) listener.
  "tw-server": ["443 2", "8443 2", "22 1", "25 1", "53 1", "7000 1", "9000 1"],
  "tw-client": [
    "198.51.100.7:443 3",
    "[fe80::2]:443 2",
    "127.0.0.1:8080 1",
    "[0:2:3:4:5:6:7:8]:443 1",
    "[2001:0:0:1::1]:443 1",
    "[2001:db8:0:1:1:1:1:1]:443 1",
    "[2001:db8::1:0:0:1]:443 1",
    "[2001:db8::]:443 1",
    "[2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:443 1",
    "[::1]:443 1",
  ],
  "tw-totals": ["total 22", "server 9", "client 13", "server-ports 7", "client-peers 10", "server-not-listening 0"],
};

// 100,000 TIME_WAIT sockets: 1,000 listening ports with 1..79 each, the rest spread over
// thousands of remote peers (IPv6 ones on IPv4-mapped local addresses), plus the expected
// top-50 lists; as ss prints them and as /proc/net/tcp and tcp6 hold them.
const big = { server: [] as string[], client: [] as string[], serverTotal: 0, serverPorts: 0, clientPeers: 0 };
function makeBigInput(out: string) {
  const listen: TableSocket[] = [];
  const tw: TableSocket[] = [];
  const server = new Map<number, number>();
  const client = new Map<string, number>();
  for (let i = 0; i < 1000; i++) {
    const port = 20000 + i;
    listen.push({ state: "LISTEN", local: { address: "0.0.0.0", port } });
    const count = 1 + ((i * 7919) % 79);
    server.set(port, count);
    for (let k = 0; k < count; k++) {
      tw.push({
        state: "TIME-WAIT",
        local: { address: "10.9.0.1", port },
        peer: { address: `10.8.${k % 200}.${i % 250}`, port: 30000 + k },
      });
    }
  }
  big.serverTotal = tw.length;
  for (let j = 0; tw.length < 100_000; j++) {
    const p = (j * 7) % (1 + (j % 6000));
    const v6 = p % 10 === 0;
    const peer = v6
      ? { address: `2001:db8::${(p + 1).toString(16)}`, port: 443 }
      : { address: `10.${p % 7}.${(p >> 3) % 256}.${p % 251}`, port: [80, 443, 5432, 6379][p % 4]! };
    const group = v6 ? `[${peer.address}]:${peer.port}` : `${peer.address}:${peer.port}`;
    client.set(group, (client.get(group) ?? 0) + 1);
    tw.push({ state: "TIME-WAIT", local: { address: v6 ? "::ffff:10.9.0.1" : "10.9.0.1", port: 40000 + (j % 20000) }, peer });
  }
  const rank = <K extends string | number>(m: Map<K, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 50)
      .map(([k, c]) => `${k} ${c}`);
  big.server = rank(server);
  big.client = rank(client);
  big.serverPorts = server.size;
  big.clientPeers = client.size;
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "ss-ltn.txt"), ssTable(listen));
  fs.writeFileSync(path.join(out, "ss-tan.txt"), ssTable([...listen, ...tw]));
  // The rest of /proc from a real host; the socket tables in the kernel's order, listeners first.
  fs.cpSync(path.join(fixture("host-6x"), "proc"), path.join(out, "proc"), { recursive: true });
  const tables = procTables([...listen, ...tw]);
  fs.writeFileSync(path.join(out, "proc/net/tcp"), tables.tcp);
  fs.writeFileSync(path.join(out, "proc/net/tcp6"), tables.tcp6);
}

function viaOwners(runner: Runner, env: Record<string, string> = {}): Result {
  const root = path.join(tmp, "owners");
  return probe(runner, { TWSCOPE_PROC: path.join(root, "proc"), TWSCOPE_ETC_ROOT: root, TWSCOPE_SS: "none", ...env });
}

beforeAll(() => {
  makeOwnersInput(path.join(tmp, "owners"));
  if (busybox) {
    const bin = dir("busybox-bin");
    for (const tool of TOOLS) fs.symlinkSync(busybox, path.join(bin, tool));
  }
  for (const awk of ["mawk", "gawk"]) {
    const found = which(awk);
    if (found) fs.symlinkSync(found, path.join(dir(`${awk}-bin`), "awk"));
  }
  // The system tools without ss, for "ss is not installed".
  const noSs = dir("no-ss-bin");
  for (const tool of TOOLS) fs.symlinkSync(which(tool)!, path.join(noSs, tool));
  // The start of a big-endian ELF file: class 64-bit, data 2 (MSB first).
  fs.writeFileSync(path.join(tmp, "big-endian.elf"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 2, 1, 0, 0, 0, 0x0a]));
  makeBigInput(path.join(tmp, "big"));
  // ss 4.15 to 5.5 writing to a pipe breaks rows wider than 80 columns, the header included.
  for (const file of ["ss-tan.txt", "ss-ltn.txt"]) {
    const rows = fs
      .readFileSync(path.join(fixture("forms"), file), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const f = line.trim().split(/\s+/);
        return f[0] === "State"
          ? "State     Recv-Q Send-Q   Local Address:Port\n          Peer Address:Port Process"
          : `${f.slice(0, 4).join("    ")}\n          ${f.slice(4).join(" ")}`;
      });
    fs.writeFileSync(path.join(dir("wrapped"), file), rows.join("\n") + "\n");
  }
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(runners)("twscope-probe.sh under $name", (runner) => {
  it.skipIf(!runner.available)("groups TIME_WAIT on a listening port as server side", () => {
    // 18081 is a dual-stack listener: its TIME_WAIT sockets are ::ffff: mapped and ::1.
    const res = viaSs(runner, "host-6x");
    expectComplete(res);
    expect(section(res, "tw-server")).toEqual(HOST_6X["tw-server"]);
    expect(section(viaSs(runner, "netns-reuse-no-ts"), "tw-server")).toEqual(["28080 15", "28081 12"]);
  });

  it.skipIf(!runner.available)("groups TIME_WAIT on other local ports by remote address and port as client side", () => {
    const res = viaSs(runner, "host-6x");
    expectComplete(res);
    expect(section(res, "tw-client")).toEqual(HOST_6X["tw-client"]);
    expect(section(viaSs(runner, "netns-reuse-no-ts"), "tw-client")).toEqual(["127.0.0.1:28090 9", "[::1]:28091 6", "127.0.0.1:28092 4"]);
  });

  it.skipIf(!runner.available)("counts sockets by state, lists listening ports ascending and totals the split", () => {
    const res = viaSs(runner, "host-6x");
    expectComplete(res);
    expect(section(res, "meta")).toContain("source ss");
    expect(socketSections(res)).toEqual(HOST_6X);
  });

  it.skipIf(!runner.available)("writes IPv6 peers in brackets and ::ffff: mapped peers as plain IPv4, without scope suffixes", () => {
    const res = viaSs(runner, "forms");
    expectComplete(res);
    expect(socketSections(res)).toEqual(FORMS);
  });

  it.skipIf(!runner.available)("reads old ss output: header line, * wildcards, unbracketed IPv6 and ::ffff: addresses", () => {
    const res = viaSs(runner, "centos7-3.10");
    expectComplete(res);
    expect(socketSections(res)).toEqual(CENTOS7);
  });

  it.skipIf(!runner.available)("joins socket rows that ss wrapped over two lines", () => {
    const res = probe(runner, {
      TWSCOPE_PROC: path.join(fixture("forms"), "proc"),
      TWSCOPE_SS: fakeSs(`wrapped-${runner.name}`, path.join(tmp, "wrapped")),
    });
    expectComplete(res);
    expect(socketSections(res)).toEqual(FORMS);
  });

  it.skipIf(!runner.available)("aggregates /proc/net/tcp and tcp6 with TWSCOPE_SS=none exactly as it does ss output", () => {
    for (const name of ["host-6x", "netns-reuse-no-ts", "centos7-3.10", "forms"]) {
      const fromProc = viaProc(runner, name);
      expectComplete(fromProc);
      expect(section(fromProc, "meta")).toContain("source proc");
      expect(socketSections(fromProc), name).toEqual(socketSections(viaSs(runner, name)));
    }
    expect(socketSections(viaProc(runner, "centos7-3.10"))).toEqual(CENTOS7);
  });

  it.skipIf(!runner.available)("renders /proc IPv6 peers in RFC 5952 form and mapped ones as IPv4", () => {
    const res = viaProc(runner, "forms");
    expectComplete(res);
    expect(section(res, "tw-client")).toEqual(FORMS["tw-client"]);
    expect(section(res, "tw-server")).toEqual(FORMS["tw-server"]);
  });

  it.skipIf(!runner.available)("maps every /proc hex state to its ss state name", () => {
    const proc = path.join(dir(`states-${runner.name}`), "proc");
    fs.mkdirSync(path.join(proc, "net"), { recursive: true });
    const rows = ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"];
    // State n appears n times; 0D is not a TCP state.
    for (let n = 1; n <= 13; n++) {
      for (let k = 0; k < (n === 13 ? 1 : n); k++) {
        const st = n.toString(16).toUpperCase().padStart(2, "0");
        rows.push(
          `${String(rows.length - 1).padStart(4)}: 0100007F:1F90 0200007F:${(0xc000 + rows.length).toString(16).toUpperCase()} ${st} 00000000:00000000 00:00000000 00000000     0        0 ${rows.length} 1 0000000000000000`,
        );
      }
    }
    fs.writeFileSync(path.join(proc, "net/tcp"), rows.join("\n") + "\n");
    const res = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: "none" });
    expectComplete(res);
    expect(section(res, "states")).toEqual([`! missing ${proc}/net/tcp6`, ...TCP_STATES.map((name, i) => `${name} ${i + 1}`), "UNKNOWN 1"]);
    expect(section(res, "listen")).toEqual(["8080"]);
    expect(section(res, "tw-server")).toEqual(["8080 6"]);
  });

  it.skipIf(!runner.available)(
    "counts TIME_WAIT on a port outside ip_local_port_range that no longer listens as server side, marked not-listening",
    () => {
      // A server on 2398 stopped listening: its TIME_WAIT sockets remain, on a fixed port below the
      // range. 40001 is an ephemeral port (client side) and 8080 still listens.
      const proc = path.join(dir(`stopped-${runner.name}`), "proc");
      fs.mkdirSync(path.join(proc, "net"), { recursive: true });
      fs.mkdirSync(path.join(proc, "sys/net/ipv4"), { recursive: true });
      fs.writeFileSync(path.join(proc, "sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
      fs.writeFileSync(path.join(proc, "sys/net/ipv4/tcp_tw_timeout"), "30\n");
      fs.writeFileSync(path.join(proc, "meminfo"), "MemTotal:        4005380 kB\nMemFree:          123456 kB\n");
      const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
      const row = (i: number, local: number, remote: string, st: string) =>
        `${String(i).padStart(4)}: 0100000A:${hex(local)} ${remote} ${st} 00000000:00000000 00:00000000 00000000     0        0 ${i} 1 0000000000000000`;
      const rows = [
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
        row(0, 8080, "00000000:0000", "0A"),
      ];
      for (let k = 0; k < 7; k++) rows.push(row(rows.length, 2398, `0200000A:${hex(50000 + k)}`, "06"));
      for (let k = 0; k < 3; k++) rows.push(row(rows.length, 8080, `0300000A:${hex(50100 + k)}`, "06"));
      for (let k = 0; k < 4; k++) rows.push(row(rows.length, 40001 + k, "0500000A:1538", "06"));
      fs.writeFileSync(path.join(proc, "net/tcp"), rows.join("\n") + "\n");
      fs.writeFileSync(path.join(proc, "net/tcp6"), rows[0] + "\n");
      const fromProc = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: "none" });
      expectComplete(fromProc);
      expect(section(fromProc, "tw-server")).toEqual(["2398 7 not-listening", "8080 3"]);
      expect(section(fromProc, "tw-client")).toEqual(["10.0.0.5:5432 4"]);
      expect(section(fromProc, "tw-totals")).toEqual([
        "total 14",
        "server 10",
        "client 4",
        "server-ports 2",
        "client-peers 1",
        "server-not-listening 7",
      ]);
      expect(section(fromProc, "meta")).toContain("mem-total-kb 4005380");
      expect(section(fromProc, "sysctl")).toContain("net.ipv4.tcp_tw_timeout = 30");
      const lists = dir(`stopped-ss-${runner.name}`);
      const ssRow = (state: string, local: string, peer: string) => `${state.padEnd(10)}0      0      ${local}      ${peer}`;
      const listen = ssRow("LISTEN", "10.0.0.1:8080", "0.0.0.0:*");
      const tan = [
        "State     Recv-Q Send-Q Local Address:Port Peer Address:Port",
        listen,
        ...Array.from({ length: 7 }, (_, k) => ssRow("TIME-WAIT", "10.0.0.1:2398", `10.0.0.2:${50000 + k}`)),
        ...Array.from({ length: 3 }, (_, k) => ssRow("TIME-WAIT", "10.0.0.1:8080", `10.0.0.3:${50100 + k}`)),
        ...Array.from({ length: 4 }, (_, k) => ssRow("TIME-WAIT", `10.0.0.1:${40001 + k}`, "10.0.0.5:5432")),
      ];
      fs.writeFileSync(path.join(lists, "ss-tan.txt"), tan.join("\n") + "\n");
      fs.writeFileSync(path.join(lists, "ss-ltn.txt"), listen + "\n");
      const fromSs = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: fakeSs(`stopped-${runner.name}`, lists) });
      expectComplete(fromSs);
      expect(socketSections(fromSs)).toEqual(socketSections(fromProc));
    },
  );

  it.skipIf(!runner.available)("decodes /proc addresses in network order on a big-endian host", () => {
    const proc = path.join(dir(`big-endian-${runner.name}`), "proc");
    fs.mkdirSync(path.join(proc, "net"), { recursive: true });
    const swapWords = (addr: string) => {
      const [hex, port] = addr.split(":");
      return `${hex!.replace(/(..)(..)(..)(..)/g, "$4$3$2$1")}:${port}`;
    };
    for (const file of ["tcp", "tcp6"]) {
      const text = fs.readFileSync(path.join(fixture("forms"), "proc/net", file), "utf8");
      fs.writeFileSync(
        path.join(proc, "net", file),
        text.replace(/^(\s*\d+: )(\S+) (\S+)/gm, (_, sl, local, remote) => `${sl}${swapWords(local)} ${swapWords(remote)}`),
      );
    }
    const res = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: "none", TWSCOPE_ELF: path.join(tmp, "big-endian.elf") });
    expectComplete(res);
    expect(socketSections(res)).toEqual(FORMS);
  });

  it.skipIf(!runner.available)("falls back to /proc when ss is not on PATH", () => {
    const bin = runner.binDir ? [runner.binDir(), path.join(tmp, "no-ss-bin")] : [path.join(tmp, "no-ss-bin")];
    const res = probe(runner, { TWSCOPE_PROC: path.join(fixture("host-6x"), "proc") }, bin);
    expectComplete(res);
    expect(section(res, "meta")).toContain("source proc");
    expect(socketSections(res)).toEqual(HOST_6X);
  });

  it.skipIf(!runner.available)("reads sockets with ss where /proc/net/tcp cannot be read", () => {
    const proc = path.join(dir(`no-tables-${runner.name}`), "proc");
    fs.cpSync(path.join(fixture("host-6x"), "proc"), proc, { recursive: true });
    fs.rmSync(path.join(proc, "net/tcp"));
    fs.rmSync(path.join(proc, "net/tcp6"));
    const bin = dir(`path-with-ss-${runner.name}`);
    fs.symlinkSync(fakeSs(`on-path-${runner.name}`, fixture("host-6x")), path.join(bin, "ss"));
    const res = probe(
      runner,
      { TWSCOPE_PROC: proc },
      [runner.binDir?.(), bin, process.env.PATH].filter((d): d is string => !!d),
    );
    expectComplete(res);
    expect(section(res, "meta")).toContain("source ss");
    expect(socketSections(res)).toEqual(HOST_6X);
  });

  it.skipIf(!runner.available)("calls ss twice, listeners first and then every socket, never -H, and keeps stdin away from it", () => {
    const ss = fakeSs(`args-${runner.name}`, fixture("centos7-3.10"));
    const res = probe(runner, { TWSCOPE_PROC: path.join(fixture("centos7-3.10"), "proc"), TWSCOPE_SS: ss });
    expectComplete(res); // the fake ss drains stdin: an inherited script would lose its @@end
    expect(fs.readFileSync(`${ss}.log`, "utf8")).toBe("-tn state listening\n-tan\n");
  });

  it.skipIf(!runner.available)("reads the list again when a listener shows up only after TIME_WAIT sockets on its port", () => {
    // No listener in the first list: the IPv6 ones of -tan come after IPv4 TIME_WAIT sockets on their ports.
    const lists = dir(`late-listeners-${runner.name}`);
    fs.copyFileSync(path.join(fixture("forms"), "ss-tan.txt"), path.join(lists, "ss-tan.txt"));
    fs.writeFileSync(path.join(lists, "ss-ltn.txt"), "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n");
    const ss = fakeSs(`late-listeners-${runner.name}`, lists);
    const res = probe(runner, { TWSCOPE_PROC: path.join(fixture("forms"), "proc"), TWSCOPE_SS: ss });
    expectComplete(res);
    expect(socketSections(res)).toEqual(FORMS);
    expect(fs.readFileSync(`${ss}.log`, "utf8")).toBe("-tn state listening\n-tan\n-tan\n");
  });

  it.skipIf(!runner.available)("reads /proc instead when ss fails, says so in @@meta and still ends with @@end", () => {
    const proc = path.join(fixture("host-6x"), "proc");
    const ss = fakeSs(`fail-${runner.name}`, fixture("host-6x"), "fail");
    const res = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: ss });
    expectComplete(res);
    expect(section(res, "meta")).toContain("source proc");
    expect(section(res, "meta")).toContain(`! ${ss} -tn state listening failed with status 1`);
    expect(socketSections(res)).toEqual(HOST_6X);

    // A list cut short: what ss printed before it failed is not counted.
    const cut = fakeSs(`fail-tan-${runner.name}`, fixture("host-6x"), "fail-tan");
    const afterCut = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: cut });
    expectComplete(afterCut);
    expect(section(afterCut, "meta")).toContain(`! ${cut} -tan failed with status 1`);
    expect(section(afterCut, "meta")).toContain("source proc");
    expect(socketSections(afterCut)).toEqual(HOST_6X);

    const nowhere = dir(`fail-no-proc-${runner.name}`);
    const neither = probe(runner, { TWSCOPE_PROC: nowhere, TWSCOPE_SS: ss });
    expectComplete(neither);
    expect(section(neither, "states")).toEqual([`! missing ${nowhere}/net/tcp`, `! missing ${nowhere}/net/tcp6`]);
    expect(section(neither, "tw-totals")).toEqual(NO_TIME_WAIT_TOTALS);
  });

  it.skipIf(!runner.available)("reports missing files and sysctls with ! lines, exits 0 and ends with @@end", () => {
    const proc = dir(`empty-${runner.name}`);
    const res = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: "none" });
    expectComplete(res);
    expect(section(res, "meta")).toContain(`! missing ${proc}/uptime`);
    expect(section(res, "kernel")).toHaveLength(1); // uname -r instead
    expect(section(res, "kernel")[0]).toMatch(/^\d+\.\d+/);
    expect(section(res, "sockstat")).toEqual([`! missing ${proc}/net/sockstat`]);
    expect(section(res, "sockstat6")).toEqual([`! missing ${proc}/net/sockstat6`]);
    expect(section(res, "netstat")).toEqual([`! missing ${proc}/net/netstat`]);
    expect(section(res, "snmp")).toEqual([`! missing ${proc}/net/snmp`]);
    expect(section(res, "sysctl")).toEqual(PROBE_SYSCTLS.map((name) => `! missing ${name}`));
    expect(section(res, "states")).toEqual([`! missing ${proc}/net/tcp`, `! missing ${proc}/net/tcp6`]);
    expect(section(res, "listen")).toEqual([]);
    expect(section(res, "tw-totals")).toEqual(NO_TIME_WAIT_TOTALS);
  });

  it.skipIf(!runner.available)("reports files and sysctls it cannot read as denied, and a netstat without TcpExt lines", () => {
    // Directories stand in for unreadable files: they exist, and reading them fails even as root.
    const proc = dir(`denied-${runner.name}`);
    for (const d of ["sys/net/ipv4/tcp_tw_reuse", "net/sockstat", "net/tcp"]) fs.mkdirSync(path.join(proc, d), { recursive: true });
    fs.writeFileSync(path.join(proc, "net/netstat"), "IpExt: InNoRoutes\nIpExt: 0\n");
    const res = probe(runner, { TWSCOPE_PROC: proc, TWSCOPE_SS: "none" });
    expectComplete(res);
    expect(section(res, "sysctl")[0]).toBe("! denied net.ipv4.tcp_tw_reuse");
    expect(section(res, "sockstat")).toEqual([`! denied ${proc}/net/sockstat`]);
    expect(section(res, "netstat")).toEqual([`! no TcpExt lines in ${proc}/net/netstat`]);
    expect(section(res, "states")).toContain(`! denied ${proc}/net/tcp`);
  });

  it.skipIf(!runner.available)("prints sysctls by name with tabs as single spaces, the kernel release and whole uptime seconds", () => {
    const res = viaSs(runner, "centos7-3.10");
    expectComplete(res);
    expect(section(res, "kernel")).toEqual(["3.10.0-1160.el7.x86_64"]);
    expect(section(res, "meta")).toContain("uptime 8640123");
    expect(section(res, "sysctl")).toEqual([
      "net.ipv4.tcp_tw_reuse = 0",
      "net.ipv4.tcp_tw_recycle = 1",
      "! missing net.ipv4.tcp_tw_reuse_delay",
      "net.ipv4.tcp_timestamps = 1",
      "net.ipv4.tcp_max_tw_buckets = 262144",
      "net.ipv4.ip_local_port_range = 32768 60999",
      "net.ipv4.tcp_fin_timeout = 60",
      "net.core.somaxconn = 128",
      "net.ipv4.tcp_max_syn_backlog = 512",
      "net.ipv4.tcp_syncookies = 1",
      "net.netfilter.nf_conntrack_tcp_timeout_time_wait = 120",
      "net.netfilter.nf_conntrack_count = 1843",
      "net.netfilter.nf_conntrack_max = 262144",
      "! missing net.ipv4.tcp_tw_timeout",
      "! missing net.ipv4.ip_local_reserved_ports",
    ]);
  });

  it.skipIf(!runner.available)("copies sockstat and sockstat6 as is and the TcpExt and Tcp header and value lines", () => {
    const proc = path.join(fixture("centos7-3.10"), "proc");
    const lines = (file: string) => fs.readFileSync(path.join(proc, file), "utf8").split("\n").filter(Boolean);
    const res = viaSs(runner, "centos7-3.10");
    expectComplete(res);
    expect(section(res, "sockstat")).toEqual(lines("net/sockstat"));
    expect(section(res, "sockstat6")).toEqual(lines("net/sockstat6"));
    expect(section(res, "netstat")).toEqual(lines("net/netstat").filter((l) => l.startsWith("TcpExt:")));
    expect(section(res, "netstat")[0]).toContain(" PAWSPassive ");
    expect(section(res, "snmp")).toEqual(lines("net/snmp").filter((l) => l.startsWith("Tcp:")));
    expect(section(res, "snmp")).toHaveLength(2);
  });

  it.skipIf(!runner.available)(
    "names the processes behind the largest TIME_WAIT groups, by the inodes of their listeners and connections",
    () => {
      const res = viaOwners(runner);
      expectComplete(res);
      expect(section(res, "tw-server")).toEqual(["80 5", "8443 2"]);
      expect(section(res, "tw-client")).toEqual(["10.0.0.9:8080 6", "10.0.0.10:5432 3"]);
      const owners = section(res, "owners");
      // A single run looks into the processes now: `at` is this run's time.
      expect(owners.filter((l) => !l.startsWith("at "))).toEqual(OWNERS.expected);
      const at = Number(owners.find((l) => l.startsWith("at "))?.slice(3));
      expect(Math.abs(at - Date.now() / 1000)).toBeLessThan(30);
    },
  );

  it.skipIf(!runner.available)("looks no process up when the sockets were read with ss, and says why", () => {
    const res = viaSs(runner, "host-6x");
    expectComplete(res);
    expect(res.stdout).toMatch(/^@@owners\n! owners need \/proc\/net\/tcp: the sockets were read with ss\n@@netns\n/m);
  });

  it.skipIf(!runner.available)("stays under 32 KiB with 100,000 TIME_WAIT sockets and keeps the 50 largest groups", () => {
    const res = probe(runner, {
      TWSCOPE_PROC: path.join(tmp, "big/proc"),
      TWSCOPE_SS: fakeSs(`big-${runner.name}`, path.join(tmp, "big")),
    });
    expectComplete(res);
    expect(section(res, "meta")).toContain("source ss");
    expect(Buffer.byteLength(res.stdout)).toBeLessThanOrEqual(32 * 1024);
    expect(section(res, "listen")).toEqual(Array.from({ length: 200 }, (_, i) => String(20000 + i)));
    expect(section(res, "tw-server")).toEqual(big.server);
    expect(section(res, "tw-client")).toEqual(big.client);
    expect(section(res, "tw-totals")).toEqual([
      "total 100000",
      `server ${big.serverTotal}`,
      `client ${100_000 - big.serverTotal}`,
      `server-ports ${big.serverPorts}`,
      `client-peers ${big.clientPeers}`,
      "server-not-listening 0",
    ]);
    expect(big.clientPeers).toBeGreaterThan(1000);

    const fromProc = probe(runner, { TWSCOPE_PROC: path.join(tmp, "big/proc"), TWSCOPE_SS: "none" });
    expectComplete(fromProc);
    expect(section(fromProc, "meta")).toContain("source proc");
    expect(socketSections(fromProc)).toEqual(socketSections(res));
  });
});

describe("twscope-probe.sh on this machine", () => {
  const sh = runners[0]!;

  it("probes this machine without hooks and prints every section with numeric TIME_WAIT counts", () => {
    const res = probe(sh);
    expectComplete(res);
    expect(section(res, "meta").find((l) => l.startsWith("source "))).toMatch(/^source (ss|proc)$/);
    expect(section(res, "sockstat").join("\n")).toMatch(/^TCP: inuse \d+ orphan \d+ tw \d+ /m);
    expect(section(res, "tw-totals")[0]).toMatch(/^total \d+$/);
    expect(section(res, "kernel")).toEqual([fs.readFileSync("/proc/sys/kernel/osrelease", "utf8").trim()]);
    // /proc/sys files must be read whole (a byte-wise read sees only their first character).
    const sysctls = section(res, "sysctl");
    expect(sysctls).toHaveLength(PROBE_SYSCTLS.length);
    PROBE_SYSCTLS.forEach((name, i) => {
      const file = `/proc/sys/${name.replace(/\./g, "/")}`;
      if (!fs.existsSync(file)) return expect(sysctls[i]).toBe(`! missing ${name}`);
      const value = fs.readFileSync(file, "utf8").trim().split(/\s+/).join(" ");
      if (name.endsWith("_count")) return expect(sysctls[i]).toMatch(new RegExp(`^${name} = \\d+$`));
      expect(sysctls[i]).toBe(`${name} = ${value}`);
    });
  });

  it("agrees with the committed bundles made from the same captures", () => {
    const committed = (file: string) => parseSections(fs.readFileSync(path.join(BUNDLES, file), "utf8"));
    const pick = (s: Map<string, string[]>, names: string[]) => Object.fromEntries(names.map((n) => [n, s.get(n)]));
    const static_ = ["kernel", "sockstat", "sockstat6", "netstat", "snmp", "sysctl", ...SOCKET_SECTIONS];
    expect(pick(committed("centos7-3.10.txt"), static_)).toEqual(pick(viaSs(sh, "centos7-3.10").sections, static_));
    expect(pick(committed("proc-fallback.txt"), static_)).toEqual(pick(viaProc(sh, "host-6x").sections, static_));
    // Live runs: the probe ran while the captures were taken, so the socket lists agree.
    for (const [file, name] of [
      ["localhost-6x.txt", "host-6x"],
      ["netns-reuse-no-ts.txt", "netns-reuse-no-ts"],
    ] as const) {
      const live = ["kernel", "sysctl", ...SOCKET_SECTIONS];
      expect(pick(committed(file), live), file).toEqual(pick(viaSs(sh, name).sections, live));
    }
  });
});

describe("twscope-probe.sh as an account that cannot see every process", () => {
  const asRoot = process.getuid?.() === 0;

  it.skipIf(!asRoot)("counts the processes whose open files it cannot read, and names only the ones it can", () => {
    // The client's open files are root's alone; nobody (65534) reads the rest of the tree.
    fs.chmodSync(tmp, 0o755);
    const hiddenFd = path.join(tmp, "owners/proc/2211/fd");
    fs.chmodSync(hiddenFd, 0o700);
    try {
      const env = { TWSCOPE_PROC: path.join(tmp, "owners/proc"), TWSCOPE_ETC_ROOT: path.join(tmp, "owners"), TWSCOPE_SS: "none" };
      const res = probe(runners[0]!, env, undefined, 65534);
      expect(res.status).toBe(0);
      const owners = section(res, "owners");
      expect(owners).toContain("hidden 1");
      expect(owners).toContain("process port 80 812 0 nginx");
      expect(owners).toContain("peer 10.0.0.9:8080 uid 1000 sockets 2 processes 0");
      expect(owners.some((l) => l.includes("python3"))).toBe(false);
    } finally {
      fs.chmodSync(hiddenFd, 0o755);
      fs.chmodSync(tmp, 0o700);
    }
  });
});
