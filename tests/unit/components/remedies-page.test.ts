import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { REMEDIES } from "@/lib/advice/remedies";
import { remedyText, type RemedyText } from "@/lib/advice/remedy-text";
import { codeSpans, withoutCodeMarks } from "@/lib/code-spans";
import type { Locale } from "@/lib/i18n/locales";
import { RemedyArticle } from "@/components/remedies/remedy-article";
import { RemedyCatalogue } from "@/components/remedies/remedy-catalogue";
import { RemedyDetails } from "@/components/remedies/remedy-details";
import en_remedies from "@/lib/i18n/messages/en/remedies.json";
import { chinese, english } from "../../support/i18n";
import { renderIn, visibleText } from "../../support/render-in";

const LANGUAGES = [
  ["en", english],
  ["zh-CN", chinese],
] as const;

/** The code spans of a text, in order of their text, so a translation may place them differently. */
const spansOf = (text: string) =>
  codeSpans(text)
    .filter((p) => p.code)
    .map((p) => p.text)
    .sort();

/** A remedy's texts field by field, list items one by one, as [field, text] pairs. */
const fieldsOf = (text: RemedyText): [string, string][] => [
  ["title", text.title],
  ["summary", text.summary],
  ["riskReason", text.riskReason],
  ...text.sideEffects.map((s, i): [string, string] => [`sideEffects.${i}`, s]),
  ...text.prerequisites.map((s, i): [string, string] => [`prerequisites.${i}`, s]),
  ...text.steps.map((s, i): [string, string] => [`steps.${i}`, s]),
  ["kernelNote", text.kernelNote ?? ""],
];

/** What sits inside <code> in some HTML, sorted. */
const codeIn = (html: string) => [...html.matchAll(/<code[^>]*>(.*?)<\/code>/g)].map((m) => visibleText(m[1]!)).sort();

describe("each remedy in English and Chinese", () => {
  it("has the same fields, the same number of list items and the same code spans item by item", () => {
    for (const r of REMEDIES) {
      const en = fieldsOf(remedyText(english, r.id));
      const zh = fieldsOf(remedyText(chinese, r.id));
      expect(
        zh.map(([field]) => field),
        r.id,
      ).toEqual(en.map(([field]) => field));
      en.forEach(([field, text], i) => expect(spansOf(zh[i]![1]), `${r.id}.${field}`).toEqual(spansOf(text)));
    }
  });

  it("keeps the numbers and kernel versions of the English text", () => {
    const numbers = (text: string) => [...withoutCodeMarks(text).matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0]).sort();
    for (const r of REMEDIES) {
      const en = fieldsOf(remedyText(english, r.id));
      const zh = fieldsOf(remedyText(chinese, r.id));
      en.forEach(([field, text], i) => expect(numbers(zh[i]![1]), `${r.id}.${field}`).toEqual(numbers(text)));
    }
  });

  it("renders its title, summary, risk reason and every list item in either language, with the same code", () => {
    for (const r of REMEDIES) {
      const code: string[][] = [];
      for (const [locale, t] of LANGUAGES) {
        const html = renderIn(locale, createElement(RemedyArticle, { remedy: r }));
        const shown = visibleText(html);
        const text = remedyText(t, r.id);
        for (const prose of [text.title, text.summary, text.riskReason, ...text.sideEffects, ...text.prerequisites, ...text.steps])
          expect(shown, `${locale} ${r.id}`).toContain(withoutCodeMarks(prose));
        code.push(codeIn(html));
        const inline = visibleText(renderIn(locale, createElement(RemedyDetails, { id: r.id })));
        for (const prose of [text.summary, text.riskReason, ...text.steps])
          expect(inline, `${locale} ${r.id}`).toContain(withoutCodeMarks(prose));
      }
      expect(code[1], r.id).toEqual(code[0]);
    }
  });
});

describe("the /remedies page", () => {
  const page = (locale: Locale) => renderIn(locale, createElement(RemedyCatalogue, { filter: { risk: null, kind: null } }));

  it("reads in English as before", () => {
    const shown = visibleText(page("en"));
    for (const words of ["Remedies", "What to do", "Shortcuts to avoid", "Side effects", "Before you start", "Apply now", "Sources:"])
      expect(shown).toContain(words);
    expect(shown).toContain(`Showing ${REMEDIES.length} of ${REMEDIES.length}`);
    expect(page("en")).toContain('aria-label="Risk filter"');
  });

  it("reads in Chinese: headings, filters, lists and command blocks", () => {
    const html = page("zh-CN");
    const shown = visibleText(html);
    for (const words of [
      "处置方案",
      "建议的做法",
      "应避免的捷径",
      "副作用",
      "开始之前",
      "步骤",
      "立即生效",
      "持久化",
      "回滚",
      "立即撤销",
      "来源：",
      "内核参数",
    ])
      expect(shown).toContain(words);
    expect(shown).toContain(`显示 ${REMEDIES.length} / ${REMEDIES.length} 条`);
    expect(html).toContain('aria-label="按风险筛选"');
    expect(html).toContain('aria-label="目录"');
  });

  it("leaves none of its English labels on the Chinese page", () => {
    // Risk words are the risk badge's too, which is translated with the fleet pages.
    const { risk: _risk, ...labels } = en_remedies;
    const flat = (v: unknown): string[] => (typeof v === "string" ? [v] : Object.values(v as object).flatMap(flat));
    const english = flat(labels).filter((m) => !/[{<]/.test(m) && m.length > 4);
    const shown = visibleText(page("zh-CN").replace(/<(code|pre)[^>]*>.*?<\/\1>/gs, ""));
    expect(english.filter((m) => shown.includes(m))).toEqual([]);
    expect(shown).not.toMatch(/Why \S+ risk|Showing \d|Sources:|Kernels:/);
  });
});
