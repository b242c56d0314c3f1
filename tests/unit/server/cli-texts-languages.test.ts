import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliLocale, UnknownLanguageError } from "@/server/cli/cli-locale";
import { rulesUsage } from "@/server/cli/rules";
import { CopyRefused, CountsDiffer } from "@/server/db/copy/copy-errors";
import { CopySource } from "@/server/db/copy/copy-source";
import { chinese, english } from "../../support/i18n";

// The command line's sentences are catalogue messages: the same refusal reads in either language.

const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error("not refused");
};

describe("the command line in both languages", () => {
  it("prints the rules command's help as before in English, and in Chinese", () => {
    expect(rulesUsage(english)).toBe(
      `  rules export [--builtin]  the alert rules as a Prometheus alerting rules file over
                            /metrics (promtool check rules accepts it): the enabled
                            rules of the database in TWSCOPE_DATA_DIR as tuned there,
                            or the shipped defaults with --builtin or without a database
`,
    );
    expect(rulesUsage(chinese)).toMatch(/^ {2}rules export \[--builtin\] {2}以 Prometheus 告警规则文件输出告警规则/);
  });

  it("says why db copy refuses a source in the command's language", () => {
    const file = path.join(os.tmpdir(), "twscope-no-such-file.db");
    const err = refusalOf(() => CopySource.open(file));
    expect(err).toBeInstanceOf(CopyRefused);
    const refused = err as CopyRefused;
    expect(refused.message).toBe(`the SQLite file ${file} does not exist (give its path with --from)`);
    expect(refused.said(english)).toBe(refused.message);
    expect(refused.said(chinese)).toBe(`SQLite 文件 ${file} 不存在（请用 --from 指定其路径）`);
    const differ = new CountsDiffer({ tables: [{ table: "samples", source: 3, target: 2, ms: 1 }], ms: 1 });
    expect(differ.message).toBe("the row counts differ in samples");
    expect(differ.said(chinese)).toBe("samples 的行数不一致");
  });

  it("refuses an unknown --lang in the POSIX locale's language", () => {
    expect(refusalOf(() => cliLocale(["--lang", "fr"], {}))).toEqual(new UnknownLanguageError("fr", "en"));
    expect((refusalOf(() => cliLocale(["--lang", "fr"], {})) as Error).message).toBe('unknown language "fr" (--lang en|zh-CN)');
    expect((refusalOf(() => cliLocale(["--lang=fr"], { LANG: "zh_CN.UTF-8" })) as Error).message).toBe(
      '不支持的语言 "fr"（--lang en|zh-CN）',
    );
  });

  it("words analyze's refusals in both languages", () => {
    expect(english("cli.analyze.unusable", { what: "the text is empty" })).toBe("twscope analyze: unusable input: the text is empty");
    expect(chinese("cli.analyze.unusable", { what: "内容为空" })).toBe("twscope analyze：输入无法使用：内容为空");
  });
});
