import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import {
  copiedIdeographs,
  copiedRun,
  digestFromDocuments,
  IDEOGRAPH_DIGEST_FILE,
  ideographHashes,
  readDigest,
  referencesPresent,
} from "../../support/reference-windows";

const ROOT = join(import.meta.dirname, "../../../lib/i18n/messages");

/** Every string of a language's catalogues, with where it is. */
function messages(locale: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown, at: string) => {
    if (typeof v === "string") out.push([at, v]);
    else if (v && typeof v === "object") for (const [k, child] of Object.entries(v)) walk(child, `${at}.${k}`);
  };
  for (const file of readdirSync(join(ROOT, locale))) walk(JSON.parse(readFileSync(join(ROOT, locale, file), "utf8")), file);
  return out;
}

describe("the catalogues are twscope's own words", () => {
  it("copy no 40-character run of the notes and kernel facts the advice was written from, in any language", () => {
    const reference = readDigest();
    for (const locale of LOCALES)
      for (const [at, text] of messages(locale)) expect(copiedRun(text, reference), `${locale} ${at}`).toBeNull();
  });

  it("copy no run of 12 Chinese characters from them in the Chinese catalogues", () => {
    const reference = readDigest(IDEOGRAPH_DIGEST_FILE);
    expect(reference.size).toBeGreaterThan(500);
    for (const [at, text] of messages("zh-CN")) expect(copiedIdeographs(text, reference), at).toBeNull();
  });

  it("catch such a run, whatever punctuation, code or Latin words sit between the characters", () => {
    const reference = ideographHashes("第一段：主动关闭连接的一方会进入这个状态并等待两倍的报文最大生存时间。");
    expect(copiedIdeographs("前言 主动关闭连接的一方，会进入 `TIME_WAIT` 这个状态并等待", reference)).not.toBeNull();
    expect(copiedIdeographs("服务端先关闭连接时，端口上会积压大量连接", reference)).toBeNull();
  });
});

// Only where the documents are at hand (see tests/unit/lib/remedies.test.ts).
if (referencesPresent())
  it("the Chinese digest matches the reference documents (after they change: npx tsx scripts/reference-digest.ts)", () => {
    expect(readFileSync(IDEOGRAPH_DIGEST_FILE, "utf8")).toBe(digestFromDocuments(ideographHashes));
  });
