import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ErrorHint } from "@/components/host/error-hint";
import { renderIn, visibleText } from "../../../support/render-in";

const hint = (locale: "en" | "zh-CN", error: string) =>
  visibleText(renderIn(locale, createElement(ErrorHint, { status: "auth-failed", error })));

describe("a host's poll error on its page", () => {
  it("reads as stored for an English reader", () => {
    expect(hint("en", "the passphrase variable TW_PASS is not set for the twscope server")).toContain(
      "the passphrase variable TW_PASS is not set for the twscope server",
    );
  });

  it("is worded in Chinese from the same stored text, the variable's name kept", () => {
    const zh = hint("zh-CN", "the passphrase variable TW_PASS is not set for the twscope server");
    expect(zh).toContain("twscope 服务器上没有设置口令环境变量 TW_PASS");
    expect(zh).not.toContain("is not set");
  });

  it("shows what SSH said as it came when twscope wrote no sentence around it", () => {
    expect(hint("zh-CN", "All configured authentication methods failed")).toContain("All configured authentication methods failed");
  });
});
