import { describe, expect, it } from "vitest";
import { changeText } from "@/components/chart/mark-words";
import { sampleChanges } from "@/lib/host/changes";
import { chinese, english } from "../../support/i18n";

const base = {
  kernel: "5.10.0-26-amd64",
  sysctls: { "net.ipv4.tcp_tw_reuse": "2", "net.ipv4.ip_local_port_range": "32768\t60999", "net.core.somaxconn": "4096" },
};

describe("sampleChanges()", () => {
  it("reports a TIME_WAIT sysctl that changed, with its old and new value", () => {
    const changes = sampleChanges(base, { ...base, sysctls: { ...base.sysctls, "net.ipv4.tcp_tw_reuse": "1" } });
    expect(changes).toEqual([{ kind: "sysctl", subject: "net.ipv4.tcp_tw_reuse", before: "2", after: "1" }]);
    expect(changeText(english, changes[0]!)).toBe("tcp_tw_reuse 2 → 1");
  });

  it("reports a new kernel release", () => {
    const [change] = sampleChanges(base, { ...base, kernel: "6.1.0-13-amd64" });
    expect(change && changeText(english, change)).toBe("kernel 5.10.0-26-amd64 → 6.1.0-13-amd64");
    expect(change && changeText(chinese, change)).toBe("内核 5.10.0-26-amd64 → 6.1.0-13-amd64");
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
    expect(sampleChanges(before, { kernel: "x", sysctls: { "net.ipv4.tcp_tw_timeout": "10" } }).map((c) => changeText(english, c))).toEqual(
      ["tcp_tw_timeout 60 → 10"],
    );
  });

  it("words a status change with the statuses' words in the reader's language", () => {
    const change = { kind: "status" as const, subject: "status", before: "ok", after: "host-key-mismatch" };
    expect(changeText(english, change)).toBe("status ok → host key changed");
    expect(changeText(chinese, change)).toMatch(/^状态 .+ → .+$/);
    expect(changeText(chinese, change)).not.toMatch(/[a-z]/);
  });

  it("shows the English words a snapshot stored before changes were data as they are", () => {
    expect(changeText(chinese, { text: "tcp_tw_reuse 2 → 1" })).toBe("tcp_tw_reuse 2 → 1");
  });
});
