// A paste's `### <command>` sections, and the command line of each heading.
import { BundleError } from "../bundle-error";
import { inputError } from "../input-note";

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
    throw new BundleError("malformed", inputError("tooLarge", { size: (bytes / 1048576).toFixed(1) }));
  }
}

/** Lines of `text` with line endings and a byte-order mark normalised. */
export function linesOf(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
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

/** A `### <command>` heading reduced to the words that say what printed the section. */
export interface NormalisedCommand {
  /** The heading as written, whitespace collapsed (for notes). */
  text: string;
  /** Base name of the program, e.g. `ss` for `sudo /usr/sbin/ss -tan`. */
  tool: string;
  /** The program's arguments, before any pipe, without redirections. */
  args: string[];
  /** Words of the whole command line, pipes included (to find `/proc/...` paths). */
  allWords: string[];
  /** Whether the output went through a pipe (`ss -tan | head`). */
  piped: boolean;
}

const SUDO_OPTIONS_WITH_VALUE = new Set(["-u", "-g", "-h", "-p", "-C", "-U", "-r", "-t", "-D"]);

/** Strips prompts, `sudo`, `VAR=value`, `env`/`command`/`exec` and redirections from a heading. */
export function normaliseCommand(heading: string): NormalisedCommand {
  const text = heading.trim().replace(/\s+/g, " ");
  const bare = text.replace(/^[$#>]\s+/, "");
  const pipe = pipeIndex(bare);
  const first = pipe === -1 ? bare : bare.slice(0, pipe);
  const words = wordsOf(first).filter((w) => !/^\d?[<>]/.test(w));
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || ["env", "command", "exec", "nice", "time"].includes(w)) {
      i++;
    } else if (w === "sudo" || w.endsWith("/sudo")) {
      i++;
      while (i < words.length && words[i]!.startsWith("-")) i += SUDO_OPTIONS_WITH_VALUE.has(words[i]!) ? 2 : 1;
    } else {
      break;
    }
  }
  const program = words[i] ?? "";
  return {
    text,
    tool: program.slice(program.lastIndexOf("/") + 1),
    args: words.slice(i + 1),
    allWords: wordsOf(bare).flatMap((w) => w.split("|")),
    piped: pipe !== -1,
  };
}

/** Index of the first `|` outside quotes, or -1. */
function pipeIndex(s: string): number {
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "|") return i;
  }
  return -1;
}

/** Splits on blanks, dropping simple quotes: `grep -E 'TcpExt|Tcp:'` stays one word without quotes. */
function wordsOf(s: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Letters of short options (`-tan` → t, a, n) and long options mapped through `long`. */
export function readFlags(args: string[], long: Record<string, string>): { flags: Set<string>; unknownLong: string[]; operands: string[] } {
  const flags = new Set<string>();
  const unknownLong: string[] = [];
  const operands: string[] = [];
  for (const arg of args) {
    if (arg.startsWith("--")) {
      const letter = long[arg.slice(2)];
      if (letter) flags.add(letter);
      else unknownLong.push(arg);
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (const ch of arg.slice(1)) flags.add(ch);
    } else {
      operands.push(arg);
    }
  }
  return { flags, unknownLong, operands };
}
