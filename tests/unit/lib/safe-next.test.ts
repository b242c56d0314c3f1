import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

describe("safeNextPath()", () => {
  it("keeps a same-origin path with its query and fragment", () => {
    expect(safeNextPath("/hosts/3?range=6h&tab=sockets#x")).toBe("/hosts/3?range=6h&tab=sockets#x");
    expect(safeNextPath("/")).toBe("/");
  });

  it.each([
    ["another origin", "https://evil.example/x"],
    ["a protocol-relative URL", "//127.0.0.1:3953/x"],
    ["a tab that browsers strip", "/\t/127.0.0.1:3953/x"],
    ["a newline (a header injection)", "/\n/127.0.0.1:3953/x"],
    ["a carriage return", "/x\r\nset-cookie: a=b"],
    ["a backslash", "/\\127.0.0.1/x"],
    ["a backslash further in", "/a\\..\\..\\/x"],
    ["// after decoding", "/%2F127.0.0.1/x"],
    ["a tab after decoding", "/%09/127.0.0.1/x"],
    ["a newline after decoding", "/%0a/x"],
    ["a backslash after decoding", "/%5C127.0.0.1/x"],
    ["malformed percent-encoding", "/%E0%A4%A"],
    ["a relative path", "hosts/3"],
    ["nothing", ""],
  ])("refuses %s", (_why, next) => {
    expect(safeNextPath(next)).toBe("/");
  });

  it("refuses a path that leaves the origin after dot segments", () => {
    expect(safeNextPath("/..//127.0.0.1/x")).toBe("/");
  });
});
