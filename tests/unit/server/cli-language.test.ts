import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-cli-language-"));
const base = {
  ...process.env,
  LANG: "C.UTF-8",
  LC_ALL: "",
  LC_MESSAGES: "",
  TWSCOPE_DATA_DIR: dataDir,
  TWSCOPE_SECRET_KEY_FILE: path.join(dataDir, "..", `${path.basename(dataDir)}.key`),
};
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/twscope.mjs", ...args], { env: { ...base, ...env }, encoding: "utf8" });

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(base.TWSCOPE_SECRET_KEY_FILE, { force: true });
});

describe("the CLI's language", () => {
  it("speaks Chinese with --lang zh-CN, before or after the command, and English without", () => {
    expect(cli(["user", "add", "--admin", "Chef", "--lang", "zh-CN"], { TWSCOPE_PASSWORD: "chef-password-1" }).stdout).toBe(
      "twscope: 已添加用户 Chef，角色为管理员\n",
    );
    expect(cli(["--lang=zh-CN", "user", "remove", "Chef"]).stderr).toBe("twscope: 这是最后一个管理员；请先把另一个用户设为管理员\n");
    expect(cli(["user", "remove", "Chef"]).stderr).toBe("twscope: this is the last admin; make another user admin first\n");
  }, 90_000);

  it("speaks Chinese under LANG=zh_CN.UTF-8, schema refusals and usage included, unless --lang en says otherwise", () => {
    const zh = { LANG: "zh_CN.UTF-8" };
    expect(cli(["user", "remove", "nobody"], zh)).toMatchObject({ status: 2, stderr: "twscope: 没有名为 nobody 的用户\n" });
    expect(cli(["user", "add", "short"], { ...zh, TWSCOPE_PASSWORD: "short" }).stderr).toBe("twscope: 至少 10 个字符\n");
    expect(cli(["--help"], zh).stderr).toMatch(/^用法：twscope <命令> \[--lang en\|zh-CN\]\n/);
    expect(cli(["user", "remove", "nobody", "--lang", "en"], zh).stderr).toBe("twscope: no user named nobody\n");
    expect(cli(["user", "remove", "nobody"], { LANG: "zh_CN.UTF-8", LC_ALL: "C" }).stderr).toBe("twscope: no user named nobody\n");
  }, 120_000);
});
