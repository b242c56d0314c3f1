import { describe, expect, it } from "vitest";
import englishCommon from "@/lib/i18n/messages/en/common.json";
import { pollErrorText, type PollErrorKey } from "@/lib/host/poll-error-words";
import { renderText } from "@/lib/i18n/message";
import { pollError } from "@/server/poll/poll-failure";
import { chinese, english } from "../../support/i18n";

const KEYS = Object.keys(englishCommon.pollErrors) as PollErrorKey[];
// A value for each placeholder, as SSH, the OS or the settings give it.
const VALUES = {
  detail: "connect ECONNREFUSED 10.0.0.1:22",
  path: "/keys/id_ed25519",
  env: "TW_PASS",
  fingerprint: "SHA256:abc",
  seconds: 10,
  bytes: 4194304,
  jump: "bastion",
  target: "10.0.0.9:22",
  reason: pollError("cannotReach", { detail: "ECONNREFUSED" }),
  name: "web-1",
  max: 8,
  code: 2,
  signal: "SEGV",
};

describe("poll errors read back from their stored English", () => {
  it.each(KEYS)("%s: words the same English again, and Chinese from the same text", (key) => {
    const stored = pollError(key, VALUES);
    const read = pollErrorText(stored);
    expect(read, stored).toMatchObject({ key: `common.pollErrors.${key}` });
    expect(renderText(english, read)).toBe(stored);
    const zh = renderText(chinese, read);
    // What SSH or the OS said stays as it came; twscope's own words are Chinese.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.replace(VALUES.detail, "")).not.toMatch(/\b(the|cannot|not|probe|host|within)\b/);
  });

  it("reads the jump host's own failure inside the sentence about it", () => {
    const stored = pollError("throughJump", { jump: "bastion", reason: pollError("noHandshake", { seconds: 10 }) });
    expect(stored).toBe("through the jump host bastion: no SSH handshake within 10 s");
    expect(renderText(chinese, pollErrorText(stored))).toBe("经跳板机 bastion：10 秒内没有完成 SSH 握手");
  });

  it("keeps text no sentence fits, as older rows and raw errors hold it", () => {
    expect(pollErrorText("All configured authentication methods failed")).toBe("All configured authentication methods failed");
    expect(pollErrorText("the host presented SHA256:abc")).toBe("the host presented SHA256:abc");
  });
});
