import { describe, expect, it } from "vitest";
import { parseSshConfig, readSshConfig } from "@/lib/ssh-config";
import { renderText } from "@/lib/i18n/message";
import { english } from "../../support/i18n";

const CONFIG = `
# defaults for the fleet
Host web-* db-1
  User deploy
  IdentityFile ~/.ssh/fleet

Host web-1
  HostName 10.0.0.5
  Port 2222
  User ops

Host db-1
  HostName=db-1.internal

Match host bastion
  User nobody

Host *
  User fallback
  Port 22
`;

describe("parseSshConfig()", () => {
  it("resolves each alias with the first value that any matching block gives", () => {
    const hosts = parseSshConfig(CONFIG);
    expect(hosts.map((h) => h.alias)).toEqual(["db-1", "web-1"]);
    expect(hosts.find((h) => h.alias === "web-1")).toEqual({
      alias: "web-1",
      hostName: "10.0.0.5",
      port: 2222,
      user: "deploy",
      identityFile: "~/.ssh/fleet",
      proxyJump: null,
      proxyCommand: null,
    });
    expect(hosts.find((h) => h.alias === "db-1")).toEqual({
      alias: "db-1",
      hostName: "db-1.internal",
      port: 22,
      user: "deploy",
      identityFile: "~/.ssh/fleet",
      proxyJump: null,
      proxyCommand: null,
    });
  });

  it("uses the alias as address when there is no HostName and skips wildcard-only blocks", () => {
    expect(parseSshConfig("Host plain\nHost *.example.com\n  User x\n")).toEqual([
      { alias: "plain", hostName: "plain", port: null, user: null, identityFile: null, proxyJump: null, proxyCommand: null },
    ]);
  });

  it("honours a negated pattern", () => {
    const hosts = parseSshConfig("Host a b\nHost * !b\n  User only-a\n");
    expect(hosts.find((h) => h.alias === "a")?.user).toBe("only-a");
    expect(hosts.find((h) => h.alias === "b")?.user).toBeNull();
  });

  it("lists every Match, Include and ProxyCommand line it did not apply, with its line number", () => {
    const { hosts, ignored } = readSshConfig(
      CONFIG.replace("# defaults for the fleet", "Include ~/.ssh/config.d/*\n  ProxyCommand ssh -W %h:%p bastion"),
    );
    expect(hosts.map((h) => h.alias)).toEqual(["db-1", "web-1"]);
    expect(ignored.map((i) => ({ ...i, reason: renderText(english, i.reason) }))).toEqual([
      {
        line: 2,
        directive: "Include",
        text: "Include ~/.ssh/config.d/*",
        reason: "Include is not followed: paste the included file's Host blocks as well",
      },
      {
        line: 3,
        directive: "ProxyCommand",
        text: "ProxyCommand ssh -W %h:%p bastion",
        reason: "twscope never runs a command to connect; use ProxyJump instead",
      },
      {
        line: 16,
        directive: "Match",
        text: "Match host bastion",
        reason: "Match blocks are not evaluated: add the hosts as Host blocks (1 option in it not applied)",
      },
    ]);
  });

  it("applies no option of a Match block to the hosts after it, and ignores nothing in a plain config", () => {
    const { hosts, ignored } = readSshConfig("Match all\n  User nobody\n  Port 2200\nHost a\n  HostName 10.0.0.1\n");
    expect(hosts).toEqual([
      { alias: "a", hostName: "10.0.0.1", port: null, user: null, identityFile: null, proxyJump: null, proxyCommand: null },
    ]);
    expect(ignored.map((i) => [i.line, renderText(english, i.reason)])).toEqual([
      [1, "Match blocks are not evaluated: add the hosts as Host blocks (2 options in it not applied)"],
    ]);
    expect(readSshConfig("Host a\n  User x\n").ignored).toEqual([]);
  });

  it("keeps the first ProxyJump any matching block gives, so a host's own none wins over a wildcard's jump host", () => {
    const { hosts, ignored, lookup } = readSshConfig(
      "Host direct\n  ProxyJump none\nHost inner\n  ProxyJump ops@bastion:2222,middle\nHost *\n  ProxyJump bastion\n  User ops\n",
    );
    expect(hosts.map((h) => [h.alias, h.proxyJump])).toEqual([
      ["direct", "none"],
      ["inner", "ops@bastion:2222,middle"],
    ]);
    expect(ignored).toEqual([]);
    expect(lookup("198.18.1.1")).toMatchObject({ hostName: "198.18.1.1", user: "ops", proxyJump: "bastion" });
  });
});
