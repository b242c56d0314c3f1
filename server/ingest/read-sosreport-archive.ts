import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { BundleError } from "@/lib/bundle/bundle-error";
import { inputError, inputNote } from "@/lib/bundle/input-note";
import type { Message } from "@/lib/i18n/message";
import type { AnyBundle } from "@/lib/bundle/parse-any-bundle";
import { MAX_BUNDLE_BYTES } from "@/lib/bundle/plain/command-sections";
import { SOSREPORT_EXPECTED, sosreportHeading } from "@/lib/bundle/sosreport/sosreport-bundle";
import { readSosreportDir } from "./read-sosreport-dir";

const run = promisify(execFile);

/** An uploaded sosreport archive larger than this is refused before anything is read. */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const TAR_TIMEOUT_MS = 120_000;
const TAR = ["--force-local", "--no-same-owner", "--no-same-permissions", "--warning=no-unknown-keyword"];

/** The compression of an archive by its first bytes, or null for something else. */
export function archiveKind(bytes: Uint8Array): "xz" | "gzip" | "tar" | null {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  if (at(0, 0x1f, 0x8b)) return "gzip";
  if (at(257, 0x75, 0x73, 0x74, 0x61, 0x72)) return "tar";
  return null;
}

interface Member {
  name: string;
  rel: string;
  type: string;
  size: number;
}

/**
 * Reads a sosreport uploaded as `.tar.xz`, `.tar.gz` or `.tar`: GNU tar (with xz for .tar.xz)
 * lists it, then extracts only the regular files twscope reads, of at most 8 MiB each, into a
 * private temporary directory that is removed afterwards; nothing else of the archive is written.
 * Links are not extracted, nor names with `..` or a leading `/`. Throws `BundleError` for
 * anything that is not such an archive.
 */
export async function readSosreportArchive(bytes: Uint8Array): Promise<AnyBundle> {
  if (bytes.length > MAX_ARCHIVE_BYTES)
    throw new BundleError("malformed", inputError("archiveTooLarge", { size: MAX_ARCHIVE_BYTES / 1048576 }));
  if (archiveKind(bytes) === null) throw new BundleError("not-a-bundle", inputError("notAnArchive"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-sosreport-"));
  try {
    const archive = path.join(tmp, "upload.tar");
    fs.writeFileSync(archive, bytes, { mode: 0o600 });
    return await readSosreportArchiveFile(archive);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `readSosreportArchive` for an archive file on disk (`twscope analyze sosreport.tar.xz`). */
export async function readSosreportArchiveFile(archive: string): Promise<AnyBundle> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-sosreport-"));
  try {
    const members = await listMembers(archive);
    const notes: Message[] = [];
    const wanted: Member[] = [];
    for (const m of members) {
      if (m.type === "l" || m.type === "h") notes.push(inputNote("archiveLink", { path: m.rel }));
      else if (m.type !== "-") continue;
      else if (m.size > MAX_BUNDLE_BYTES) notes.push(inputNote("fileLeftOut", { path: m.rel, size: (m.size / 1048576).toFixed(1) }));
      else wanted.push(m);
    }
    if (wanted.length === 0) throw new BundleError("not-a-bundle", inputError("archiveNone", { expected: SOSREPORT_EXPECTED }));
    await tar(["-xf", archive, "-C", tmp, ...TAR, "--", ...wanted.map((m) => m.name)]);
    const root = path.join(tmp, wanted[0]!.name.slice(0, wanted[0]!.name.length - wanted[0]!.rel.length));
    const bundle = readSosreportDir(root);
    return { ...bundle, missing: [...bundle.missing, ...notes] };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `tar -tvf`: type letter, size and name of each member whose name is a file twscope reads. */
async function listMembers(archive: string): Promise<Member[]> {
  const listing = await tar(["-tvf", archive, ...TAR]);
  const members: Member[] = [];
  for (const line of listing.split("\n")) {
    // "-rw-r--r-- root/root 1234 2024-01-02 03:04 top/sos_commands/kernel/uname_-a" (GNU tar)
    const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\d{4}-\d\d-\d\d\s+\d\d:\d\d(?::\d\d)?\s+(.+?)(?: -> .*| link to .*)?$/.exec(line);
    if (!m) continue;
    const name = m[3]!;
    const parts = name.replace(/^\.\//, "").split("/");
    if (name.startsWith("/") || parts.includes("..")) continue;
    const rel = [parts.join("/"), parts.slice(1).join("/")].find((r) => sosreportHeading(r) !== null);
    if (rel) members.push({ name, rel, type: m[1]!, size: Number(m[2]) });
  }
  return members;
}

async function tar(args: string[]): Promise<string> {
  try {
    const { stdout } = await run("tar", args, { timeout: TAR_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new BundleError("malformed", inputError("noTar"));
    const why = (e.stderr ?? "").split("\n").find((l) => l.trim() !== "") ?? e.message;
    const noXz = /xz: Cannot exec/.test(e.stderr ?? "");
    throw new BundleError("malformed", inputError(noXz ? "archiveUnreadableXz" : "archiveUnreadable", { why: why.trim() }));
  }
}
