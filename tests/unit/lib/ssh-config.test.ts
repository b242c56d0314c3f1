import { describe, expect, it } from "vitest";
import { parseSshConfig } from "@/lib/ssh-config";

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
      alias: "web-1", hostName: "10.0.0.5", port: 2222, user: "deploy", identityFile: "~/.ssh/fleet",
    });
    expect(hosts.find((h) => h.alias === "db-1")).toEqual({
      alias: "db-1", hostName: "db-1.internal", port: 22, user: "deploy", identityFile: "~/.ssh/fleet",
    });
  });

  it("uses the alias as address when there is no HostName and skips wildcard-only blocks", () => {
    expect(parseSshConfig("Host plain\nHost *.example.com\n  User x\n")).toEqual([
      { alias: "plain", hostName: "plain", port: null, user: null, identityFile: null },
    ]);
  });

  it("honours a negated pattern", () => {
    const hosts = parseSshConfig("Host a b\nHost * !b\n  User only-a\n");
    expect(hosts.find((h) => h.alias === "a")?.user).toBe("only-a");
    expect(hosts.find((h) => h.alias === "b")?.user).toBeNull();
  });
});
