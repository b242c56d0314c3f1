import { BundleError } from "../bundle-error";

/** Pasted text larger than this is refused before any parsing. */
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

const HEADING = /^###\s+(\S.*?)\s*$/;

export interface PlainSection {
  /** The command after `### `. */
  heading: string;
  lines: string[];
}

/** Throws `BundleError` for text over 8 MiB (UTF-8). */
export function assertBundleSize(text: string): void {
  const bytes = text.length > MAX_BUNDLE_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_BUNDLE_BYTES) {
    throw new BundleError("malformed", `the text is too large (${(bytes / 1048576).toFixed(1)} MiB; at most 8 MiB)`);
  }
}

/** Lines of `text` with line endings and a byte-order mark normalised. */
export function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
}

export function isPlainHeading(line: string): boolean {
  return HEADING.test(line);
}

/** Splits text on `### <command>` lines; `preamble` counts non-blank lines before the first. */
export function splitPlainSections(text: string): { sections: PlainSection[]; preamble: number } {
  const sections: PlainSection[] = [];
  let current: PlainSection | null = null;
  let preamble = 0;
  for (const line of linesOf(text)) {
    const heading = HEADING.exec(line);
    if (heading) sections.push((current = { heading: heading[1]!, lines: [] }));
    else if (current) current.lines.push(line);
    else if (line.trim() !== "") preamble++;
  }
  return { sections, preamble };
}
