import fs from "node:fs";
import path from "node:path";

export const fixturePath = (...parts: string[]) => path.join(process.cwd(), "tests", "fixtures", ...parts);
export const readFixture = (...parts: string[]) => fs.readFileSync(fixturePath(...parts), "utf8");

/** A lab bundle stamped `agoSeconds` before now, so its sample falls in a chart's range whatever today's date. */
export const labBundleAt = (name: string, agoSeconds: number) =>
  readFixture("bundles", "lab", name).replace(/^time \d+$/m, `time ${Math.floor(Date.now() / 1000) - agoSeconds}`);
