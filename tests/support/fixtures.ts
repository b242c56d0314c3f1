import fs from "node:fs";
import path from "node:path";

export const fixturePath = (...parts: string[]) => path.join(process.cwd(), "tests", "fixtures", ...parts);
export const readFixture = (...parts: string[]) => fs.readFileSync(fixturePath(...parts), "utf8");
