import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/**
 * The `server-only` marker makes `next build` fail when client code imports a module that has it,
 * so secrets, SSH and storage code can never be bundled for the browser. These checks keep every
 * server module marked and keep the shared and UI code free of server imports.
 */
describe("the server/client boundary", () => {
  it('marks every module under server/ with import "server-only"', () => {
    const unmarked = sources("server").filter((f) => !/^import "server-only";$/m.test(fs.readFileSync(f, "utf8")));
    expect(unmarked).toEqual([]);
  });

  it("keeps lib/ and components/ free of server imports", () => {
    const offenders = [...sources("lib"), ...sources("components")].filter((f) =>
      /from ["'](@\/server\/|(\.\.\/)+server\/)/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps client components from importing server code", () => {
    const clientFiles = sources("app")
      .concat(sources("components"))
      .filter((f) => /^["']use client["']/.test(fs.readFileSync(f, "utf8")));
    expect(clientFiles.length).toBeGreaterThan(5);
    expect(clientFiles.filter((f) => /from ["']@\/server\//.test(fs.readFileSync(f, "utf8")))).toEqual([]);
  });
});
