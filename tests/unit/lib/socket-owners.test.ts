import { describe, expect, it } from "vitest";
import { analyzeInEnglish } from "../../support/advice";
import { parseOwners } from "@/lib/bundle/parse-owners";
import { parseProbeBundle } from "@/lib/bundle/parse-probe-bundle";
import type { HostSample } from "@/lib/types";
import { withTimeWait } from "../../support/breakdown-samples";
import { readFixture } from "../../support/fixtures";

// The @@owners section as the probe prints it (tests/unit/probe-script.test.ts checks the probe's side).
const SECTION = [
  "hidden 0",
  "at 1796600000",
  "port 80 uid 0 listeners 2 processes 4",
  "process port 80 812 0 nginx",
  "process port 80 813 33 nginx",
  "process port 80 814 33 nginx",
  "port 8443 uid 33 listeners 1 processes 0",
  "peer 10.0.0.9:8080 uid 1000 sockets 3 processes 1",
  "process peer 10.0.0.9:8080 2211 1000 python3",
  "peer [2001:db8::9]:443 sockets 0 processes 0",
  "user 0 root",
  "user 33 www-data",
];

const base = () => parseProbeBundle(readFixture("bundles", "localhost-6x.txt"));
const withOwners = (s: HostSample, lines: string[]): HostSample => ({ ...s, owners: parseOwners(lines) });
const evidence = (s: HostSample, ruleId: string) => analyzeInEnglish(s).findings.find((f) => f.ruleId === ruleId)?.evidence ?? [];

describe("parseOwners()", () => {
  it("reads each group with its socket owner, its count of processes and the first ones, and the account names", () => {
    expect(parseOwners(SECTION)).toEqual({
      hiddenProcesses: 0,
      asRoot: false,
      lookedAt: 1_796_600_000_000,
      byPort: {
        80: {
          uid: 0,
          sockets: 2,
          processes: 4,
          shown: [
            { pid: 812, uid: 0, command: "nginx" },
            { pid: 813, uid: 33, command: "nginx" },
            { pid: 814, uid: 33, command: "nginx" },
          ],
        },
        8443: { uid: 33, sockets: 1, processes: 0, shown: [] },
      },
      byPeer: {
        "10.0.0.9:8080": { uid: 1000, sockets: 3, processes: 1, shown: [{ pid: 2211, uid: 1000, command: "python3" }] },
        "[2001:db8::9]:443": { uid: null, sockets: 0, processes: 0, shown: [] },
      },
      users: { 0: "root", 33: "www-data" },
    });
  });

  it("keeps a command with spaces whole and an unreadable uid as unknown", () => {
    const owners = parseOwners(["hidden 2", "port 80 uid 0 listeners 1 processes 1", "process port 80 77 ? Web Content"]);
    expect(owners?.hiddenProcesses).toBe(2);
    expect(owners?.byPort[80]?.shown).toEqual([{ pid: 77, uid: null, command: "Web Content" }]);
  });

  it("tells a probe that had nothing to look up from one that saw every process, and a group not looked up yet", () => {
    expect(parseOwners(["hidden ?", "peer 10.0.0.9:8080 sockets 0 processes 0"])).toMatchObject({ hiddenProcesses: null, lookedAt: null });
    expect(parseOwners(["hidden 0", "at 1796600000", "peer 10.0.0.9:8080 sockets 2 processes ?"])?.byPeer["10.0.0.9:8080"]).toEqual({
      uid: null,
      sockets: 2,
      processes: null,
      shown: [],
    });
    expect(parseOwners(["hidden 0"])).toMatchObject({ hiddenProcesses: 0 });
  });

  it("gives no owners for an older bundle or one whose sockets came from ss", () => {
    expect(parseOwners(undefined)).toBeUndefined();
    expect(parseOwners([])).toBeUndefined();
    const text = readFixture("bundles", "localhost-6x.txt").replace(
      "@@end",
      "@@owners\n! owners need /proc/net/tcp: the sockets were read with ss\n@@end",
    );
    const sample = parseProbeBundle(text);
    expect(sample.owners).toBeUndefined();
    expect(sample.problems).toContain("owners: owners need /proc/net/tcp: the sockets were read with ss");
  });

  it("is read from a whole bundle, knowing whether the probe ran as root", () => {
    const text = readFixture("bundles", "localhost-6x.txt").replace("@@end", `@@owners\n${SECTION.join("\n")}\n@@end`);
    expect(parseProbeBundle(text).owners).toMatchObject({ asRoot: true, byPort: { 80: { processes: 4 } } });
    expect(parseProbeBundle(text.replace(/^user .*$/m, "user twscope")).owners?.asRoot).toBe(false);
  });
});

describe("the processes in the findings' evidence", () => {
  it("names the server that closes first, with its pid, account and the other processes sharing its listener", () => {
    const s = withOwners(withTimeWait(base(), [[80, 3000]], []), SECTION);
    expect(evidence(s, "server-closes-first")).toContain(
      "the server nginx (pid 812, user root) and 3 more processes listens on port 80: it closes these connections first",
    );
  });

  it("says why a listener's process is not named, and what would name it", () => {
    const hidden = withOwners(withTimeWait(base(), [[8443, 900]], []), ["hidden 140", ...SECTION.slice(1)]);
    expect(evidence(hidden, "server-closes-first")).toContain(
      "the server on port 8443 is not named: it belongs to user www-data, and the probe's account cannot look into 140 processes of other accounts; root, or the probe's sudo rule (README, \"Which process\") would name it",
    );
    const root = { ...hidden, owners: parseOwners(["hidden 1", ...SECTION.slice(1)], true) };
    expect(evidence(root, "server-closes-first")).toContain(
      "the server on port 8443 is not named: it belongs to user www-data, and even as root the probe could not read the open files of 1 process (behind a boundary such as a container's or a sandbox's)",
    );
    const raced = withOwners(withTimeWait(base(), [[8443, 900]], []), SECTION);
    expect(evidence(raced, "server-closes-first")).toContain(
      "the server on port 8443 is not named: no process held it by the time the probe looked (it closed in between)",
    );
  });

  it("names the client connected to a churned destination, or says none was connected when sampled", () => {
    const churn = withOwners(withTimeWait(base(), [], [["10.0.0.9:8080", 2000]]), SECTION);
    expect(evidence(churn, "client-churn")).toContain("connections to 10.0.0.9:8080 come from python3 (pid 2211, uid 1000): 3 open now");
    const idle = withOwners(withTimeWait(base(), [], [["[2001:db8::9]:443", 2000]]), SECTION);
    expect(evidence(idle, "client-churn")).toContain(
      "no connection to [2001:db8::9]:443 was open when sampled, so the program that opens them is not named",
    );
  });

  it("names no process for a group the probe has not looked up yet", () => {
    const s = withOwners(withTimeWait(base(), [[80, 3000]], []), ["hidden 0", "at 1796600000", "port 80 uid 0 listeners 1 processes ?"]);
    expect(evidence(s, "server-closes-first").some((l) => l.includes("server"))).toBe(false);
  });

  it("adds nothing when the probe did not look processes up", () => {
    const s = withTimeWait(base(), [[80, 3000]], []);
    expect(evidence(s, "server-closes-first").some((l) => l.includes("server nginx") || l.includes("not named"))).toBe(false);
  });
});
