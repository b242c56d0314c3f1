import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

describe("the README's rule and remedy catalogues", () => {
  it("are exactly what `npm run catalogue` prints from the code", () => {
    const printed = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/print-catalogue.ts"], {
      encoding: "utf8",
    });
    const readme = fs.readFileSync("README.md", "utf8");
    const tables = printed.replace("### Rules", "### Rules (`npm run catalogue` prints these tables)");
    expect(readme).toContain(tables.trim());
  });
});
