import { BundleError } from "./bundle-error";

export const BUNDLE_HEADER = "@@twscope-probe";
const SUPPORTED_VERSION = 1;

export interface BundleSections {
  sections: Map<string, string[]>;
  problems: string[];
}

/** Splits a probe bundle into its named sections; rejects text that is not a whole bundle. */
export function splitBundle(text: string): BundleSections {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first === -1) throw new BundleError("empty", "the bundle is empty");
  const header = lines[first]!.trim();
  if (!header.startsWith(BUNDLE_HEADER)) {
    throw new BundleError("not-a-bundle", `the text does not start with "${BUNDLE_HEADER}"`);
  }
  const version = Number(header.slice(BUNDLE_HEADER.length).trim());
  if (version !== SUPPORTED_VERSION) {
    throw new BundleError(
      "unsupported-version",
      `bundle format ${header.slice(BUNDLE_HEADER.length).trim() || "?"} is not supported (expected ${SUPPORTED_VERSION})`,
    );
  }
  const sections = new Map<string, string[]>();
  const problems: string[] = [];
  let current: string[] | null = null;
  let currentName = "";
  let ended = false;
  for (const raw of lines.slice(first + 1)) {
    const line = raw.trimEnd();
    if (line.startsWith("@@")) {
      currentName = line.slice(2).trim();
      if (currentName === "end") {
        ended = true;
        break;
      }
      current = [];
      sections.set(currentName, current);
    } else if (line.startsWith("!")) {
      problems.push(`${currentName}: ${line.slice(1).trim()}`);
    } else if (current && line !== "") {
      current.push(line);
    }
  }
  if (!ended) throw new BundleError("truncated", "the bundle is truncated (no @@end line)");
  return { sections, problems };
}
