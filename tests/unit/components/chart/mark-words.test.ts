import { describe, expect, it } from "vitest";
import { changeText, gapLabel, gapReasonText } from "@/components/chart/mark-words";
import type { GapReason } from "@/lib/dto";
import { chinese, english } from "../../../support/i18n";

const unreachable: GapReason = { status: "unreachable", message: "connect ECONNREFUSED 10.0.0.1:22" };

describe("chart marks in the reader's language", () => {
  it("words a gap's failing status around the error SSH gave, which stays as it is", () => {
    expect(gapReasonText(english, unreachable)).toBe("unreachable: connect ECONNREFUSED 10.0.0.1:22");
    expect(gapReasonText(chinese, unreachable)).toBe("无法连接：connect ECONNREFUSED 10.0.0.1:22");
    expect(gapLabel(english, unreachable, "no samples")).toBe("unreachable");
    expect(gapLabel(chinese, unreachable, "无采样")).toBe("无法连接");
  });

  it("words twscope's own sentence inside the reason too", () => {
    const reason: GapReason = { status: "unreachable", message: "cannot reach the host: ECONNREFUSED" };
    expect(gapReasonText(english, reason)).toBe("unreachable: cannot reach the host: ECONNREFUSED");
    expect(gapReasonText(chinese, reason)).toBe("无法连接：无法连接主机：ECONNREFUSED");
  });

  it("says when the host was not added yet, and keeps a snapshot's older English reason", () => {
    expect(gapReasonText(english, { beforeAdded: true })).toBe("before the host was added");
    expect(gapReasonText(chinese, { beforeAdded: true })).toBe("主机尚未添加");
    expect(gapReasonText(chinese, "timeout: read ETIMEDOUT")).toBe("timeout: read ETIMEDOUT");
    expect(gapLabel(chinese, null, "无采样")).toBe("无采样");
  });

  it("words a sysctl change the same in both, shortening its name", () => {
    const e = { kind: "sysctl" as const, subject: "net.ipv4.tcp_tw_reuse", before: "2", after: "1" };
    expect(changeText(english, e)).toBe("tcp_tw_reuse 2 → 1");
    expect(changeText(chinese, e)).toBe("tcp_tw_reuse 2 → 1");
    expect(changeText(chinese, { kind: "status", subject: "status", before: "ok", after: "unreachable" })).toBe("状态 正常 → 无法连接");
  });
});
