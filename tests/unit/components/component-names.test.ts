import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The naming rule of README "Component names", checked over every file under components/. */
const files = (fs.readdirSync("components", { recursive: true }) as string[])
  .map((f) => path.join("components", f))
  .filter((f) => fs.statSync(f).isFile());

const pascal = (kebab: string) =>
  kebab
    .split("-")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
const stem = (f: string) => path.basename(f).replace(/\.tsx?$/, "");
const exportedComponents = (src: string) => [...src.matchAll(/^export function ([A-Z]\w*)/gm)].map((m) => m[1]!);
/** Talks to the server itself: a react-query hook, fetch, or a value (not a type) from a client module. */
const isLive = (src: string) =>
  /\b(useQuery|useInfiniteQuery|useMutation)\(|\bfetch\(/.test(src) ||
  /^import (?!type )[^;]*from "@\/lib\/(api-client|snapshot\/client)";/m.test(src);

const components = files
  .filter((f) => f.endsWith(".tsx"))
  .map((f) => ({ f, src: fs.readFileSync(f, "utf8") }))
  .filter(({ src }) => exportedComponents(src).length > 0);

describe("component names", () => {
  it("names every file under components/ in kebab-case", () => {
    expect(files.filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*\.tsx?$/.test(path.basename(f)))).toEqual([]);
  });

  it("exports from each file a component named like the file, and only components with its name as prefix", () => {
    const wrong = components.filter(({ f, src }) => {
      const names = exportedComponents(src);
      const own = pascal(stem(f));
      return !names.includes(own) || names.some((n) => !n.startsWith(own.replace(/View$/, "")));
    });
    expect(wrong.map(({ f, src }) => `${f}: ${exportedComponents(src).join(", ")}`)).toEqual([]);
  });

  it("ends in View exactly the components that fetch their own data", () => {
    const wrong = components.filter(({ f, src }) => {
      const views = exportedComponents(src).map((n) => n.endsWith("View"));
      return isLive(src) ? !stem(f).endsWith("-view") || views.includes(false) : views.includes(true);
    });
    expect(wrong.map(({ f }) => f)).toEqual([]);
  });
});
