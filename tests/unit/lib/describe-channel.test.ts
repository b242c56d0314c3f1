import { describe, expect, it } from "vitest";
import { describeChannelKind, describeDelivery, formatMs } from "@/lib/alerts/describe-channel";
import { chinese, english } from "../../support/i18n";

describe("describe-channel", () => {
  it("describeChannelKind() names a webhook's body and the other kinds alone", () => {
    expect(describeChannelKind(english, { kind: "webhook", options: { body: "alertmanager" } })).toBe("Webhook · Alertmanager body");
    expect(describeChannelKind(english, { kind: "webhook", options: { body: "generic" } })).toBe("Webhook · generic body");
    expect(describeChannelKind(english, { kind: "alertmanager", options: { body: "alertmanager" } })).toBe("Alertmanager");
    expect(describeChannelKind(english, { kind: "slack", options: { body: "alertmanager" } })).toBe("Slack");
    expect(describeChannelKind(chinese, { kind: "webhook", options: { body: "generic" } })).toBe("Webhook · 通用格式");
  });

  it("describeDelivery() writes the outcome, the HTTP status, the time taken and the error", () => {
    expect(describeDelivery(english, { ok: true, httpStatus: 200, error: null, durationMs: 14 })).toBe("Delivered: HTTP 200 in 14 ms");
    expect(describeDelivery(english, { ok: false, httpStatus: 500, error: "HTTP 500 Internal Server Error: boom", durationMs: 1234 })).toBe(
      "Failed after 1.2 s: HTTP 500 Internal Server Error: boom",
    );
    expect(describeDelivery(english, { ok: false, httpStatus: 302, error: "a redirect, not followed", durationMs: 5 })).toBe(
      "Failed after 5 ms: HTTP 302: a redirect, not followed",
    );
    expect(describeDelivery(english, { ok: false, httpStatus: null, error: "connect ECONNREFUSED", durationMs: 3 })).toBe(
      "Failed after 3 ms: connect ECONNREFUSED",
    );
    expect(describeDelivery(chinese, { ok: true, httpStatus: 200, error: null, durationMs: 14 })).toBe("已送达：HTTP 200，耗时 14 ms");
  });

  it("formatMs() switches to seconds from 1,000 ms", () => {
    expect(formatMs(999)).toBe("999 ms");
    expect(formatMs(1000)).toBe("1.0 s");
  });
});
