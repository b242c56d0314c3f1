import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OWNERS, makeOwnersInput } from "../support/owners-fixture";
import { procTables } from "../support/socket-tables";

// The probe's serving mode (server/probe/twscope-probe.sh `--serve`): one long-lived awk that
// prints a bundle per "@@twscope-poll" line, as a persistent SSH session uses it.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROBE = path.join(ROOT, "server/probe/twscope-probe.sh");
const SCRIPT = fs.readFileSync(PROBE, "utf8");
const HOST_6X = path.join(ROOT, "tests/fixtures/probe/host-6x/proc");
const POLL = "@@twscope-poll\n";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-serve-"));
const busybox = ["/usr/bin/busybox", "/bin/busybox"].find((f) => fs.existsSync(f)) ?? null;

interface Shell {
  name: string;
  argv: string[];
  pathDir?: string;
}
const shells: Shell[] = [{ name: "sh", argv: ["sh"] }];
if (busybox) shells.push({ name: "busybox sh and awk", argv: [busybox, "sh"], pathDir: path.join(tmp, "busybox-bin") });

/** A copy of the host-6x /proc tree that a test may change between polls. */
function procTree(name: string): string {
  const proc = path.join(tmp, name);
  fs.cpSync(HOST_6X, proc, { recursive: true });
  return proc;
}

function envOf(shell: Shell, proc: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const PATH = [shell.pathDir, process.env.PATH].filter(Boolean).join(":");
  return { NODE_ENV: "test", PATH, TWSCOPE_PROC: proc, TWSCOPE_SS: "none", TWSCOPE_ETC_ROOT: "/nonexistent-twscope-etc", ...extra };
}

/** The probe serving: its output read as it comes, so a test can wait for a line. */
class Serving {
  out = "";
  exit: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdin.on("error", () => {}); // a probe that has exited cannot take more polls
    child.stdout.on("data", (chunk: Buffer) => {
      this.out += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exit = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  }

  /** Resolves once the output holds `count` bundles (or the banner, for 0). */
  async bundles(count: number): Promise<string[]> {
    const done = () => this.out.startsWith("@@twscope-serve 1\n") && this.split().length >= count;
    while (!done()) {
      const exited = await Promise.race([new Promise<false>((r) => this.waiters.push(() => r(false))), this.exit.then(() => true)]);
      if (exited && !done()) throw new Error(`the probe exited after:\n${this.out}`);
    }
    return this.split();
  }

  private split(): string[] {
    return this.out
      .split(/(?<=^@@end\n)/m)
      .filter((b) => b.includes("@@end\n"))
      .map((b) => b.replace(/^@@twscope-serve 1\n/, ""));
  }
}

function serve(argv: string[], env: NodeJS.ProcessEnv): Serving {
  return new Serving(spawn(argv[0]!, argv.slice(1), { env, stdio: ["pipe", "pipe", "pipe"] }));
}

/** The sections a bundle holds, by name. */
function sections(bundle: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of bundle.split("\n")) {
    if (line.startsWith("@@")) out.set(line.slice(2), (current = []));
    else if (line) current.push(line);
  }
  return out;
}

const SOCKETS = ["states", "listen", "tw-server", "tw-client", "tw-totals"];
const socketsOf = (bundle: string) => SOCKETS.map((s) => sections(bundle).get(s));

beforeAll(() => {
  if (!busybox) return;
  const bin = path.join(tmp, "busybox-bin");
  fs.mkdirSync(bin);
  for (const tool of ["awk", "cat", "date", "id", "uname"]) fs.symlinkSync(busybox, path.join(bin, tool));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(shells)("twscope-probe.sh --serve under $name", (shell) => {
  it("prints one bundle per poll line, each as a single run prints it, reading its files afresh", async () => {
    const proc = procTree(`afresh-${shell.name}`);
    const once = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), "-s"], { input: SCRIPT, env: envOf(shell, proc), encoding: "utf8" });
    const probe = serve([...shell.argv, "-s", "--", "--serve"], envOf(shell, proc));
    probe.child.stdin.write(SCRIPT);
    await probe.bundles(0);
    probe.child.stdin.write(POLL);
    const [first] = await probe.bundles(1);
    expect(socketsOf(first!)).toEqual(socketsOf(once.stdout));
    expect(sections(first!).get("sysctl")).toEqual(sections(once.stdout).get("sysctl"));

    fs.writeFileSync(path.join(proc, "sys/net/ipv4/tcp_tw_reuse"), "1\n");
    const tcp = fs.readFileSync(path.join(proc, "net/tcp"), "utf8").split("\n");
    fs.writeFileSync(path.join(proc, "net/tcp"), tcp.filter((line) => !/^\s*\d+: \S+ \S+ 06 /.test(line)).join("\n"));
    probe.child.stdin.write(POLL);
    const [, second] = await probe.bundles(2);
    expect(sections(second!).get("sysctl")).toContain("net.ipv4.tcp_tw_reuse = 1");
    const ipv6Only = Number(sections(second!).get("tw-totals")![0]!.split(" ")[1]);
    expect(ipv6Only).toBeLessThan(Number(sections(first!).get("tw-totals")![0]!.split(" ")[1]));
    expect(socketsOf(second!)).not.toEqual(socketsOf(first!));

    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);
  });

  /** Serves two polls of the owners fixture, changing it in between: nginx pid 813 goes, and a new destination rises to the top. */
  async function ownersTwice(name: string, env: Record<string, string>): Promise<[string[], string[]]> {
    const root = path.join(tmp, `owners-${name}-${shell.name}`);
    makeOwnersInput(root);
    const proc = path.join(root, "proc");
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, proc, { TWSCOPE_ETC_ROOT: root, ...env }));
    probe.child.stdin.write(POLL);
    const [first] = await probe.bundles(1);
    fs.unlinkSync(path.join(proc, "813/fd/3"));
    fs.symlinkSync("socket:[7003]", path.join(proc, "2211/fd/9"));
    const risen = [
      {
        state: "ESTAB" as const,
        local: { address: "10.0.0.1", port: 44000 },
        peer: { address: "10.0.0.11", port: 6379 },
        uid: 1000,
        inode: 7003,
      },
      ...Array.from({ length: 9 }, (_, i) => ({
        state: "TIME-WAIT" as const,
        local: { address: "10.0.0.1", port: 44100 + i },
        peer: { address: "10.0.0.11", port: 6379 },
      })),
    ];
    fs.writeFileSync(path.join(proc, "net/tcp"), procTables([...OWNERS.sockets, ...risen]).tcp);
    probe.child.stdin.write(POLL);
    const [, second] = await probe.bundles(2);
    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);
    return [sections(first!).get("owners")!, sections(second!).get("owners")!];
  }

  it("looks into the processes once, and repeats that look with its time for the groups still on top", async () => {
    const [first, second] = await ownersTwice("repeat", {});
    expect(first.filter((l) => !l.startsWith("at "))).toEqual(OWNERS.expected);
    expect(second).toContain(first.find((l) => l.startsWith("at ")));
    expect(second).toContain("process port 80 813 33 nginx");
    const risen = "peer 10.0.0.11:6379 uid 1000 sockets 1 processes ?";
    expect(second).toContain(risen);
    expect(second.indexOf(risen)).toBeLessThan(second.indexOf("peer 10.0.0.9:8080 uid 1000 sockets 2 processes 1"));
  });

  it("looks again, sooner than its minute, for a group with a socket open that its last look did not cover", async () => {
    const [, second] = await ownersTwice("soon", { TWSCOPE_OWNERS_SOON: "0" });
    expect(second).toContain("port 80 uid 0 listeners 1 processes 1");
    expect(second).not.toContain("process port 80 813 33 nginx");
    expect(second).toContain("peer 10.0.0.11:6379 uid 1000 sockets 1 processes 1");
    expect(second).toContain("process peer 10.0.0.11:6379 2211 1000 python3");
  });

  it("looks again soon for a group whose sockets no process held at its last look, when it saw every process", async () => {
    const root = path.join(tmp, `owners-raced-${shell.name}`);
    makeOwnersInput(root);
    const proc = path.join(root, "proc");
    // The client's connections are open, but its file descriptors are not there yet (a socket closed between the two reads).
    for (const fd of ["3", "4"]) fs.renameSync(path.join(proc, "2211/fd", fd), path.join(root, `fd-${fd}`));
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, proc, { TWSCOPE_ETC_ROOT: root, TWSCOPE_OWNERS_SOON: "0" }));
    probe.child.stdin.write(POLL);
    const [first] = await probe.bundles(1);
    expect(sections(first!).get("owners")).toContain("peer 10.0.0.9:8080 uid 1000 sockets 2 processes 0");
    for (const fd of ["3", "4"]) fs.renameSync(path.join(root, `fd-${fd}`), path.join(proc, "2211/fd", fd));
    probe.child.stdin.write(POLL);
    const [, second] = await probe.bundles(2);
    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);
    expect(sections(second!).get("owners")).toContain("process peer 10.0.0.9:8080 2211 1000 python3");
  });

  it("runs ss afresh for each poll, and each time reads its list to the end", async () => {
    const lists = path.join(tmp, `ss-lists-${shell.name}`);
    fs.mkdirSync(lists);
    const fixture = path.join(ROOT, "tests/fixtures/probe/host-6x");
    fs.copyFileSync(path.join(fixture, "ss-tan.txt"), path.join(lists, "tan.txt"));
    const ss = path.join(lists, "ss");
    fs.writeFileSync(
      ss,
      `#!/bin/sh\necho "$*" >>'${ss}.log'\ncase "$*" in *listening*) exec sed -e '1s/^State *//' -e '1!s/^[A-Z-]* *//' '${fixture}/ss-ltn.txt' ;; *) exec cat '${lists}/tan.txt' ;; esac\n`,
      { mode: 0o755 },
    );
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, HOST_6X, { TWSCOPE_SS: ss }));
    probe.child.stdin.write(POLL);
    const [first] = await probe.bundles(1);
    expect(sections(first!).get("meta")).toContain("source ss");
    expect(sections(first!).get("tw-totals")![0]).toBe("total 46");

    const tan = fs.readFileSync(path.join(fixture, "ss-tan.txt"), "utf8").split("\n");
    fs.writeFileSync(path.join(lists, "tan.txt"), tan.filter((line) => !line.includes("127.0.0.1:18080 ")).join("\n"));
    probe.child.stdin.write(POLL);
    const [, second] = await probe.bundles(2);
    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);
    expect(sections(second!).get("tw-server")).toEqual(["18081 12"]);
    expect(sections(second!).get("tw-totals")![0]).toBe("total 31");
    expect(fs.readFileSync(`${ss}.log`, "utf8")).toBe("-tn state listening\n-tan\n".repeat(2));
  });

  it("ignores every line but the poll request, such as a script sent to an installed probe", async () => {
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, HOST_6X));
    probe.child.stdin.write(SCRIPT + "garbage\n@@twscope-poll-not\n" + POLL);
    const bundles = await probe.bundles(1);
    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);
    expect(bundles).toHaveLength(1);
    expect(sections(bundles[0]!).get("tw-totals")![0]).toBe("total 46");
  });

  it("serves under a forced command when the client asked for --serve, and only then", async () => {
    const probe = serve([...shell.argv, PROBE], envOf(shell, HOST_6X, { SSH_ORIGINAL_COMMAND: "exec sh -s -- --serve" }));
    probe.child.stdin.write(POLL);
    expect(await probe.bundles(1)).toHaveLength(1);
    probe.child.stdin.end();
    expect(await probe.exit).toBe(0);

    const single = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), PROBE], {
      env: envOf(shell, HOST_6X, { SSH_ORIGINAL_COMMAND: "exec timeout 20 sh -s" }),
      input: POLL,
      encoding: "utf8",
    });
    expect(single.stdout.startsWith("@@twscope-probe 1\n")).toBe(true);
    expect(single.stdout.endsWith("@@end\n")).toBe(true);
  });

  it("exits after TWSCOPE_SERVE_MAX_POLLS bundles, so a session's life is bounded on the host", async () => {
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, HOST_6X, { TWSCOPE_SERVE_MAX_POLLS: "2" }));
    probe.child.stdin.write(POLL + POLL + POLL);
    expect(await probe.exit).toBe(0);
    expect(await probe.bundles(2)).toHaveLength(2);
  });

  it("exits once TWSCOPE_SERVE_MAX_SECONDS have passed since its first bundle", async () => {
    const probe = serve([...shell.argv, PROBE, "--serve"], envOf(shell, HOST_6X, { TWSCOPE_SERVE_MAX_SECONDS: "0" }));
    probe.child.stdin.write(POLL + POLL);
    expect(await probe.exit).toBe(0);
    expect(await probe.bundles(1)).toHaveLength(1);
  });
});
