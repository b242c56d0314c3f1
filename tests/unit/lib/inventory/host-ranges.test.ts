import { describe, expect, it } from "vitest";
import { expandHostPattern, MAX_PATTERN_HOSTS } from "@/lib/inventory/host-ranges";

describe("inventory host patterns", () => {
  it("expands numeric ranges, padding to the start's width when it has leading zeros", () => {
    expect(expandHostPattern("web[01:03].example")).toEqual(["web01.example", "web02.example", "web03.example"]);
    expect(expandHostPattern("web[8:10]")).toEqual(["web8", "web9", "web10"]);
    expect(expandHostPattern("web[098:100]")).toEqual(["web098", "web099", "web100"]);
  });

  it("expands letter ranges, steps, and several ranges in one name", () => {
    expect(expandHostPattern("db-[a:c]")).toEqual(["db-a", "db-b", "db-c"]);
    expect(expandHostPattern("n[1:9:4]")).toEqual(["n1", "n5", "n9"]);
    expect(expandHostPattern("r[1:2]-[A:B]")).toEqual(["r1-A", "r1-B", "r2-A", "r2-B"]);
    expect(expandHostPattern("plain.example")).toEqual(["plain.example"]);
  });

  it("refuses ranges it cannot read or that stand for too many hosts", () => {
    expect(() => expandHostPattern("w[1-3]")).toThrow("w[1-3]: a range is [start:end] or [start:end:step]");
    expect(() => expandHostPattern("w[3:1]")).toThrow("the range starts after it ends");
    expect(() => expandHostPattern("w[a:3]")).toThrow("a range runs between two numbers or two letters");
    expect(() => expandHostPattern("w[1:3:0]")).toThrow("the step of a range is a whole number of at least 1");
    expect(() => expandHostPattern(`w[1:${MAX_PATTERN_HOSTS + 1}]`)).toThrow("stands for more than 10,000 hosts");
    expect(() => expandHostPattern("w[1:200]-[1:200]")).toThrow("stands for more than 10,000 hosts");
  });
});
