import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { SshConfigImportResult } from "@/components/host/ssh-config-import-result";
import type { ImportResultDto } from "@/lib/dto";
import { readSshConfig } from "@/lib/ssh-config";
import { msg } from "@/lib/i18n/message";
import { renderIn, visibleText } from "../../../support/render-in";

const REASONS = "hostForms.sshConfig.reasons";
const result: ImportResultDto = {
  created: [],
  skipped: [
    { name: "nouser", reason: msg(`${REASONS}.noUser`) },
    // A host setting refused by its check: the error's message, quoted as it came.
    { name: "odd", reason: "port: Number must be less than or equal to 65535" },
  ],
  ignored: readSshConfig("Include ~/.ssh/conf.d/*\nMatch host *.corp\n  User x\n  Port 2\nHost a\n").ignored,
  warnings: [{ name: "web-1", message: msg(`${REASONS}.missingIdentityFile`, { path: "/keys/k" }) }],
};
const text = (locale: "en" | "zh-CN") => visibleText(renderIn(locale, createElement(SshConfigImportResult, { result })));

describe("what an OpenSSH config import did, in the reader's language", () => {
  it("reads as before in English", () => {
    const en = text("en");
    expect(en).toContain("nouser: skipped, no User in the config and no default user given");
    expect(en).toContain("odd: skipped, port: Number must be less than or equal to 65535");
    expect(en).toContain("Include ~/.ssh/conf.d/*: Include is not followed: paste the included file's Host blocks as well");
    expect(en).toContain("Match blocks are not evaluated: add the hosts as Host blocks (2 options in it not applied)");
    expect(en).toContain("web-1: IdentityFile /keys/k does not exist on the twscope server");
  });

  it("reads in Chinese from the same result, config words and paths kept", () => {
    const zh = text("zh-CN");
    expect(zh).toContain("nouser：已跳过，配置中没有 User");
    expect(zh).toContain("不会跟随 Include");
    expect(zh).toContain("（其中 2 个选项未生效）");
    expect(zh).toContain("IdentityFile /keys/k");
    expect(zh).not.toMatch(/not followed|not evaluated|does not exist|no default user/);
  });
});
