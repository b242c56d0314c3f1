import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { currentContext, setCurrentContext } from "@/server/context-slot";
import { useTestContext } from "../../support/context";

await useTestContext({ TWSCOPE_POLLER: "off" }, { install: true, prefix: "twscope-share-link-language-" });

const UNKNOWN = `/s/${"q".repeat(43)}`;
const open = (headers: Record<string, string> = {}) => proxy(new NextRequest(`http://t${UNKNOWN}`, { headers }));

describe("a share link's own answers", () => {
  it("say a link does not exist in Chinese for Accept-Language: zh-CN", async () => {
    const res = await open({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-language")).toBe("zh-CN");
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<title>twscope 快照</title>");
    expect(html).toContain("此快照链接不存在，或已被撤销。");
    expect(html).not.toMatch(/does not exist/);
  });

  it("stay in English for an English reader, word for word as before", async () => {
    const html = await (await open({ "accept-language": "en-GB" })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<p>This snapshot link does not exist, or it was revoked.</p>");
  });

  it("follow the language switch's cookie over Accept-Language", async () => {
    const html = await (await open({ "accept-language": "en", cookie: `${LOCALE_COOKIE}=zh-CN` })).text();
    expect(html).toContain("此快照链接不存在");
  });

  describe("without the database", () => {
    const installed = currentContext();
    afterAll(() => setCurrentContext(installed ?? undefined));

    it("answer 503 in Chinese as plain UTF-8 text", async () => {
      setCurrentContext(undefined);
      const res = await open({ "accept-language": "zh-CN" });
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await res.text()).toBe("twscope 暂时无法访问数据库，请稍后再试。\n");
    });
  });
});
