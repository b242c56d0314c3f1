import { BundleError } from "./bundle-error";
import { inputError } from "./input-note";

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
  if (first === -1) throw new BundleError("empty", inputError("bundleEmpty"));
  const header = lines[first]!.trim();
  if (!header.startsWith(BUNDLE_HEADER)) {
    throw new BundleError("not-a-bundle", inputError("noHeader", { header: BUNDLE_HEADER }));
  }
  const version = Number(header.slice(BUNDLE_HEADER.length).trim());
  if (version !== SUPPORTED_VERSION) {
    throw new BundleError(
      "unsupported-version",
      inputError("version", { version: header.slice(BUNDLE_HEADER.length).trim() || "?", expected: String(SUPPORTED_VERSION) }),
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
  if (!ended) throw new BundleError("truncated", inputError("truncated"));
  return { sections, problems };
}
