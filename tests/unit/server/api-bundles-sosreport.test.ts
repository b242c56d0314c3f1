import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as bundlesRoute from "@/app/api/bundles/route";
import * as hostRoute from "@/app/api/hosts/[id]/route";
import { fixturePath } from "../../support/fixtures";
import { sessionCookieFor } from "../../support/auth";
import { useTestContext } from "../../support/context";

const ctx = await useTestContext({}, { install: true, prefix: "twscope-api-sos-" });
const { dataDir } = ctx;

const cookie = await sessionCookieFor(ctx, "admin");
function archiveOf(flags: string, file: string): Buffer {
  const out = path.join(dataDir, file);
  expect(spawnSync("tar", [flags, out, "-C", fixturePath("sosreport"), "netns-7200"]).status).toBe(0);
  return fs.readFileSync(out);
}

const upload = (name: string, body: Uint8Array | string, type: string, headers: Record<string, string> = {}) =>
  bundlesRoute.POST(
    new Request(`http://t/api/bundles?name=${encodeURIComponent(name)}`, {
      method: "POST",
      body: body as BodyInit,
      headers: { cookie, "content-type": type, ...headers },
    }),
    undefined,
  );

describe("POST /api/bundles with a sosreport archive", () => {
  it.each([
    ["-cJf", "report.tar.xz", "application/x-xz"],
    ["-czf", "report.tar.gz", "application/gzip"],
    ["-cJf", "browser.tar.xz", "application/octet-stream"],
  ])("tar %s (%s as %s): a bundle host with the report's counts and configuration findings", async (flags, file, type) => {
    const res = await upload(`sos-${file}`, archiveOf(flags, file), type);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.host).toMatchObject({ name: `sos-${file}`, transport: "bundle" });
    expect(body.missing).toEqual([]);
    expect(body.analysis.findings.map((f: { ruleId: string }) => f.ruleId)).toContain("tw-recycle-in-config");
    const detail = await (
      await hostRoute.GET(new Request("http://t", { headers: { cookie } }), { params: Promise.resolve({ id: String(body.host.id) }) })
    ).json();
    expect(detail.latest.timeWait).toMatchObject({ total: 50, server: 26, client: 24 });
    expect(detail.latest.configuredSysctls).toContainEqual({
      file: "/etc/sysctl.conf",
      key: "net.ipv4.tcp_tw_recycle",
      value: "1",
      line: 8,
    });
  });

  it("refuses bytes that are no archive with the reason, and creates no host", async () => {
    const res = await upload("not-an-archive", "### uname -r\n6.1.0\n", "application/octet-stream");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("the bundle is unusable: not a .tar.xz, .tar.gz or .tar archive");
    const inChinese = await upload("not-an-archive", "### uname -r\n6.1.0\n", "application/octet-stream", { "accept-language": "zh-CN" });
    expect(inChinese.status).toBe(400);
    expect((await inChinese.json()).error.message).toBe("采集包无法使用：不是 .tar.xz、.tar.gz 或 .tar 归档");
  });

  it("refuses a body over the size limit before reading it", async () => {
    const res = await upload("too-big", "x", "application/x-xz", { "content-length": String(300 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it("validates the host name", async () => {
    const res = await upload("bad name;", archiveOf("-czf", "r.tar.gz"), "application/gzip");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_input");
  });
});
