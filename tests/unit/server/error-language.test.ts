import { describe, expect, it } from "vitest";
import { request, sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";
import * as usersRoute from "@/app/api/users/route";
import * as languageRoute from "@/app/api/me/language/route";
import { getUserByName } from "@/server/db/users";
import { errors, thing } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-error-language-" });
const none = { params: Promise.resolve({}) };

async function addUser(body: object, headers: Record<string, string> = {}, cookie?: string) {
  const res = await usersRoute.POST(
    request("http://t/api/users", { body, headers, cookie: cookie ?? (await sessionCookieFor(ctx, "admin")) }),
    none,
  );
  return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error };
}

describe("API error messages in the caller's language", () => {
  it("says a conflict in Chinese for Accept-Language: zh-CN, in English otherwise, with the same code", async () => {
    await addUser({ name: "taken", password: "long enough pass" });
    const zh = await addUser({ name: "taken", password: "long enough pass" }, { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" });
    const en = await addUser({ name: "taken", password: "long enough pass" }, { "accept-language": "en-US" });
    expect(zh).toMatchObject({ status: 409, error: { code: "conflict", message: "已存在名为 taken 的用户" } });
    expect(en).toMatchObject({ status: 409, error: { code: "conflict", message: "a user named taken exists already" } });
  });

  it("follows the user's own language setting over the browser's", async () => {
    const cookie = await sessionCookieFor(ctx, "admin", "admin-zh");
    const set = await languageRoute.PUT(request("http://t/api/me/language", { method: "PUT", body: { language: "zh-CN" }, cookie }), none);
    expect(set.status).toBe(200);
    expect(set.headers.get("set-cookie")).toMatch(/^twscope-locale=zh-CN; Path=\//);
    expect((await getUserByName(ctx.db, "admin-zh"))?.language).toBe("zh-CN");
    const res = await addUser({ name: "taken", password: "long enough pass" }, { "accept-language": "en" }, cookie);
    expect(res.error).toMatchObject({ code: "conflict", message: "已存在名为 taken 的用户" });
  });

  it("refuses a language it does not speak", async () => {
    const res = await languageRoute.PUT(request("http://t/api/me/language", { method: "PUT", body: { language: "fr" } }), none);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
  });

  it("says a validation error and each field's refusal in Chinese, zod's own messages and the schema's alike", async () => {
    const zh = await addUser({ name: "bad name!", password: "short", role: "root" }, { "accept-language": "zh-CN" });
    expect(zh.status).toBe(400);
    expect(zh.error.code).toBe("invalid_input");
    expect(zh.error.message).toBe("请求内容不合法");
    const byPath = Object.fromEntries((zh.error.details as { path: string; message: string }[]).map((i) => [i.path, i.message]));
    expect(byPath).toEqual({ name: "只能包含字母、数字和 . _ - @", password: "至少 10 个字符", role: expect.stringMatching(/^无效选项/) });
    const en = await addUser({ name: "bad name!", password: "short" });
    expect(en.error.message).toBe("the request is not valid");
    expect(en.error.details).toContainEqual({ path: "password", message: "at least 10 characters" });
  });

  it("keeps the English of a message byte for byte, numbers ungrouped, and renders nested phrases", async () => {
    expect(errors.bodyTooLarge(1048576).message).toBe("the body is over 1048576 bytes");
    expect(errors.notFound(thing("alert channel", 3)).message).toBe("alert channel 3 not found");
    const res = errorResponse(errors.notFound(thing("alert channel", 3)), {}, "zh-CN");
    expect((await res.json()).error).toMatchObject({ code: "not_found", message: "找不到通知渠道 3" });
    expect(errors.rateLimited("too many", 3600).messageIn("zh-CN")).toBe("too many；请在 3600 秒后重试");
  });
});
