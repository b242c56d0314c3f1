import "server-only";
import fs from "node:fs";
import path from "node:path";
import { BundleError } from "@/lib/bundle/bundle-error";
import { inputError, inputNote } from "@/lib/bundle/input-note";
import type { Message } from "@/lib/i18n/message";
import type { AnyBundle } from "@/lib/bundle/parse-any-bundle";
import { MAX_BUNDLE_BYTES } from "@/lib/bundle/plain/command-sections";
import { parseSosreport, SOSREPORT_EXPECTED, sosreportHeading, type SosreportFile } from "@/lib/bundle/sosreport/sosreport-bundle";

// Where the files twscope reads live; each directory is listed, and only known names are read.
const DIRS = [
  "sos_commands/kernel",
  "sos_commands/host",
  "sos_commands/general",
  "sos_commands/networking",
  "proc/net",
  "etc",
  "etc/sysctl.d",
  "run/sysctl.d",
  "usr/local/lib/sysctl.d",
  "usr/lib/sysctl.d",
  "lib/sysctl.d",
];
const MARKERS = ["sos_commands", "proc", "etc"];

/**
 * Reads an extracted sosreport (the directory itself, or one holding a single report directory,
 * as `tar -xf sosreport-*.tar.xz` leaves it). Only the known files are read; a symbolic link is
 * not followed, and a file over 8 MiB is left out, each said in `missing`. Throws `BundleError`
 * when the directory is not a sosreport.
 */
export function readSosreportDir(dir: string): AnyBundle {
  const root = reportRoot(dir);
  const real = fs.realpathSync(root);
  const files: SosreportFile[] = [];
  const notes: Message[] = [];
  for (const sub of DIRS) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(root, sub));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const rel = `${sub}/${name}`;
      if (sosreportHeading(rel) === null) continue;
      const full = path.join(root, rel);
      const stat = fs.lstatSync(full);
      if (stat.isSymbolicLink() || fs.realpathSync(full) !== path.join(real, rel)) {
        notes.push(inputNote("symlink", { path: rel }));
      } else if (!stat.isFile()) {
        continue;
      } else if (stat.size > MAX_BUNDLE_BYTES) {
        notes.push(inputNote("fileLeftOut", { path: rel, size: (stat.size / 1048576).toFixed(1) }));
      } else {
        files.push({ path: rel, text: readNoFollow(full) });
      }
    }
  }
  return parseSosreport(files, notes);
}

function reportRoot(dir: string): string {
  const isRoot = (d: string) => MARKERS.some((m) => fs.existsSync(path.join(d, m)));
  if (isRoot(dir)) return dir;
  const inner = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && isRoot(path.join(dir, e.name)));
  if (inner.length === 1) return path.join(dir, inner[0]!.name);
  throw new BundleError(
    "not-a-bundle",
    inner.length ? inputError("dirMany", { dir, count: inner.length }) : inputError("dirNot", { dir, expected: SOSREPORT_EXPECTED }),
  );
}

function readNoFollow(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return fs.readFileSync(fd, "utf8");
  } finally {
    fs.closeSync(fd);
  }
}
