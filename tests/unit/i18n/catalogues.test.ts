import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES } from "@/lib/i18n/locales";

const ROOT = join(import.meta.dirname, "../../../lib/i18n/messages");

type Tree = { [key: string]: Tree | string | Tree[] | string[] };

/** Every message of a catalogue by its dotted path (array items by index). */
function flatten(tree: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof tree === "string") out.set(prefix, tree);
  else if (Array.isArray(tree)) tree.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (tree && typeof tree === "object") for (const [k, v] of Object.entries(tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: ${JSON.stringify(tree)} is not a message`);
  return out;
}

function catalogue(locale: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(join(ROOT, locale)).sort()) {
    const tree = JSON.parse(readFileSync(join(ROOT, locale, file), "utf8")) as Tree;
    for (const [k, v] of flatten(tree, file.replace(/\.json$/, ""))) all.set(k, v);
  }
  return all;
}

/** The arguments a message takes, with their kind ("count:number", "role:select"), from its ICU syntax. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) out.add(`${el.value}:text`);
    if (el.type === TYPE.number) out.add(`${el.value}:number`);
    if (el.type === TYPE.date || el.type === TYPE.time) out.add(`${el.value}:date`);
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      argumentsOf(el.children, out);
    }
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      out.add(`${el.value}:${el.type === TYPE.select ? "select" : "plural"}`);
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

const english = catalogue(DEFAULT_LOCALE);

/** The remedy texts are plain prose read as written (lib/advice/remedy-text.ts), not ICU messages. */
const isRaw = (key: string) => key.startsWith("remedy.");

describe("the catalogues", () => {
  it("has every namespace in every language", () => {
    const files = (l: string) => readdirSync(join(ROOT, l)).sort();
    for (const locale of LOCALES) expect(files(locale), locale).toEqual(files(DEFAULT_LOCALE));
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    const other = catalogue(locale);

    it(`${locale} has exactly the English keys`, () => {
      expect(
        [...other.keys()].filter((k) => !english.has(k)),
        "only in " + locale,
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !other.has(k)),
        "missing in " + locale,
      ).toEqual([]);
    });

    it(`${locale} messages take the same placeholders as the English ones`, () => {
      const differ: string[] = [];
      for (const [key, text] of english) {
        const translated = other.get(key);
        if (translated === undefined || isRaw(key)) continue;
        const want = [...argumentsOf(parse(text))].sort();
        const got = [...argumentsOf(parse(translated))].sort();
        if (JSON.stringify(want) !== JSON.stringify(got)) differ.push(`${key}: ${want.join(" ")} ≠ ${got.join(" ")}`);
      }
      expect(differ).toEqual([]);
    });
  }

  it("parses as ICU messages in every language, with no empty message", () => {
    for (const locale of LOCALES)
      for (const [key, text] of catalogue(locale)) {
        if (!isRaw(key)) expect(() => parse(text), `${locale} ${key}`).not.toThrow();
        expect(text.trim(), `${locale} ${key}`).not.toBe("");
      }
  });
});
