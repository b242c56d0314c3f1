import type { Message } from "../../i18n/message";
import { BundleError } from "../bundle-error";
import { inputError, inputNote } from "../input-note";
import type { AnyBundle } from "../parse-any-bundle";
import { MAX_BUNDLE_BYTES } from "../plain/command-sections";
import { parsePlainBundle } from "../plain/parse-plain-bundle";
import { recogniseSection } from "../plain/section-kinds";
import { isSameSocketsNote } from "../plain/socket-lists";

/** One file of a sosreport: its path below the report's top directory, '/'-separated. */
export interface SosreportFile {
  path: string;
  text: string;
}

// The files twscope reads, each with the command it holds the output of, in the order the
// sections are laid out (facts first, then the socket lists by preference, then sysctl files).
const KNOWN: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^sos_commands\/kernel\/uname_-a$/, () => "uname -a"],
  [/^sos_commands\/(host|general)\/hostname$/, () => "hostname"],
  [/^sos_commands\/kernel\/sysctl_-a$/, () => "sysctl -a"],
  [/^proc\/net\/(sockstat6?|netstat|snmp)$/, (m) => `cat /proc/net/${m[1]}`],
  [/^proc\/meminfo$/, () => "cat /proc/meminfo"],
  [/^sos_commands\/networking\/(ss_[^/]+)$/, (m) => m[1]!.replace(/_/g, " ")],
  [/^proc\/net\/(tcp6?)$/, (m) => `cat /proc/net/${m[1]}`],
  [/^sos_commands\/networking\/(netstat_[^/]+)$/, (m) => m[1]!.replace(/_/g, " ")],
  [/^(etc\/sysctl\.conf)$/, (m) => `cat /${m[1]}`],
  [/^((?:etc|run|usr\/local\/lib|usr\/lib|lib)\/sysctl\.d\/[^/]+\.conf)$/, (m) => `cat /${m[1]}`],
];

export const SOSREPORT_EXPECTED =
  "sos_commands/kernel/uname_-a, sos_commands/kernel/sysctl_-a, sos_commands/networking/ss_* or netstat_*, proc/net/*, proc/meminfo, etc/sysctl.conf, etc/sysctl.d/";

/**
 * The command a sosreport file holds the output of (`sos_commands/networking/ss_-peaonmi` →
 * `ss -peaonmi`), or null for a file twscope does not read. sos names a command's file by its
 * words joined with `_`; of sos_commands/networking only the socket lists are read.
 */
export function sosreportHeading(path: string): string | null {
  for (const [re, heading] of KNOWN) {
    const m = re.exec(path);
    if (!m) continue;
    const h = heading(m);
    if (path.startsWith("sos_commands/networking/") && recogniseSection(h).kind !== "sockets") return null;
    return h;
  }
  return null;
}

const rankOf = (path: string) => KNOWN.findIndex(([re]) => re.test(path));
const encoder = new TextEncoder();
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

/**
 * Reads the files of a sosreport as the plain bundle of the commands they hold: the same
 * sections, counting and notes as a paste. ss's indented detail lines (-i, -m) are dropped
 * first; a file that would take the bundle past 8 MiB is left out, and said so. `notes` (files
 * the reader refused) go to `missing` too. Throws `BundleError` when no known file is there.
 */
export function parseSosreport(files: SosreportFile[], notes: Message[] = []): AnyBundle {
  const known = files
    .map((f) => ({ ...f, heading: sosreportHeading(f.path) }))
    .filter((f): f is SosreportFile & { heading: string } => f.heading !== null)
    .sort((a, b) => rankOf(a.path) - rankOf(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (known.length === 0) throw new BundleError("not-a-bundle", inputError("sosreportNone", { expected: SOSREPORT_EXPECTED }));
  const left: Message[] = [];
  const sections: string[] = [];
  let bytes = 0;
  for (const file of known) {
    const body = file.heading.startsWith("ss ")
      ? file.text
          .split("\n")
          .filter((l) => !l.startsWith("\t"))
          .join("\n")
      : file.text;
    const section = `### ${file.heading}\n${body}${body.endsWith("\n") ? "" : "\n"}`;
    const size = encoder.encode(section).length;
    if (bytes + size > MAX_BUNDLE_BYTES) {
      left.push(inputNote("sosreportLeftOut", { path: file.path, size: mib(size), max: mib(MAX_BUNDLE_BYTES) }));
      continue;
    }
    bytes += size;
    sections.push(section);
  }
  const plain = parsePlainBundle(sections.join(""));
  // A sosreport always holds several lists of the same sockets: leaving the others out is no gap.
  const missing = plain.missing.filter((m) => !isSameSocketsNote(m));
  return { ...plain, missing: [...missing, ...left, ...notes], format: "plain" };
}
