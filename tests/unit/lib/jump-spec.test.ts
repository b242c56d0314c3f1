import { describe, expect, it } from "vitest";
import { formatJumpHop, parseJumpSpec } from "@/lib/host/jump-spec";

describe("parseJumpSpec()", () => {
  it("reads hops with and without user and port, the first connected to first", () => {
    expect(parseJumpSpec("ops@bastion:2222,inner")).toEqual([
      { user: "ops", host: "bastion", port: 2222 },
      { user: null, host: "inner", port: null },
    ]);
  });

  it("reads ssh:// hops and bracketed IPv6 addresses", () => {
    expect(parseJumpSpec("ssh://jump@198.18.1.1:22, [fd00::1]:2200")).toEqual([
      { user: "jump", host: "198.18.1.1", port: 22 },
      { user: null, host: "fd00::1", port: 2200 },
    ]);
  });

  it("reads none as no hop, and refuses what is not a hop", () => {
    expect(parseJumpSpec("None")).toEqual([]);
    expect(parseJumpSpec("a,,b")).toBeNull();
    expect(parseJumpSpec("bastion:99999")).toBeNull();
    expect(parseJumpSpec("ssh -W %h:%p bastion")).toBeNull();
  });

  it("writes a hop back as ssh takes it", () => {
    expect(formatJumpHop({ user: "ops", host: "fd00::1", port: 22 })).toBe("ops@[fd00::1]:22");
    expect(formatJumpHop({ user: null, host: "bastion", port: null })).toBe("bastion");
  });
});
