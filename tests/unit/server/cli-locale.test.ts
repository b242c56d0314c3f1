import { describe, expect, it } from "vitest";
import { cliLocale, UnknownLanguageError } from "@/server/cli/cli-locale";

describe("cliLocale()", () => {
  it("takes --lang X or --lang=X and leaves the other arguments", () => {
    expect(cliLocale(["a.txt", "--lang", "zh-CN", "--json"], {})).toEqual({ locale: "zh-CN", args: ["a.txt", "--json"] });
    expect(cliLocale(["--lang=en", "a.txt"], { LANG: "zh_CN.UTF-8" })).toEqual({ locale: "en", args: ["a.txt"] });
    expect(cliLocale(["--lang", "zh"], {}).locale).toBe("zh-CN");
  });

  it("reads LC_ALL, then LC_MESSAGES, then LANG: the first one set decides", () => {
    expect(cliLocale([], { LANG: "zh_CN.UTF-8" }).locale).toBe("zh-CN");
    expect(cliLocale([], { LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }).locale).toBe("zh-CN");
    expect(cliLocale([], { LC_ALL: "C", LANG: "zh_CN.UTF-8" }).locale).toBe("en");
    expect(cliLocale([], { LC_ALL: "", LANG: "zh_TW.UTF-8" }).locale).toBe("zh-CN");
    expect(cliLocale([], { LANG: "fr_FR.UTF-8" }).locale).toBe("en");
    expect(cliLocale([], {}).locale).toBe("en");
  });

  it("refuses a --lang it does not speak", () => {
    expect(() => cliLocale(["--lang", "fr"], {})).toThrow(UnknownLanguageError);
    expect(() => cliLocale(["--lang"], {})).toThrow(UnknownLanguageError);
  });
});
