import { describe, expect, it } from "vitest";
import { changeText, sampleChanges } from "@/lib/host/changes";

const base = {
  kernel: "5.10.0-26-amd64",
  sysctls: { "net.ipv4.tcp_tw_reuse": "2", "net.ipv4.ip_local_port_range": "32768\t60999", "net.core.somaxconn": "4096" },
};

describe("sampleChanges()", () => {
  it("reports a TIME_WAIT sysctl that changed, with its old and new value", () => {
    const changes = sampleChanges(base, { ...base, sysctls: { ...base.sysctls, "net.ipv4.tcp_tw_reuse": "1" } });
    expect(changes).toEqual([{ kind: "sysctl", subject: "net.ipv4.tcp_tw_reuse", before: "2", after: "1" }]);
    expect(changeText(changes[0]!)).toBe("tcp_tw_reuse 2 → 1");
  });

  it("reports a new kernel release", () => {
    const [change] = sampleChanges(base, { ...base, kernel: "6.1.0-13-amd64" });
    expect(change && changeText(change)).toBe("kernel 5.10.0-26-amd64 → 6.1.0-13-amd64");
  });

  it("ignores whitespace, unwatched sysctls and values one sample could not read", () => {
    const next = {
      kernel: null,
      sysctls: { "net.ipv4.ip_local_port_range": "32768 60999", "net.core.somaxconn": "128", "net.ipv4.tcp_max_tw_buckets": "5000" },
    };
    expect(sampleChanges(base, next)).toEqual([]);
  });

  it("watches vendor tcp_tw_* knobs too", () => {
    const before = { kernel: "x", sysctls: { "net.ipv4.tcp_tw_timeout": "60" } };
    expect(sampleChanges(before, { kernel: "x", sysctls: { "net.ipv4.tcp_tw_timeout": "10" } }).map(changeText)).toEqual([
      "tcp_tw_timeout 60 → 10",
    ]);
  });
});
