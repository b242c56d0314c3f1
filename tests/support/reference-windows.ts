import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The copy check compares the product's prose with the reference documents it was written from,
 * 40 characters at a time. The documents live beside the repository, not in it, so the repository
 * carries only a digest of their windows (a short hash each): the check runs from a clone alone,
 * and no sentence of the documents is copied into the repository.
 */
const WINDOW = 40;
export const DIGEST_FILE = fileURLToPath(new URL("../fixtures/reference-windows.txt", import.meta.url));
/**
 * Chinese says in 12 characters what English says in 40, so Chinese prose is also compared by its
 * runs of 12 Chinese characters (everything else dropped), against a digest of its own.
 */
const IDEOGRAPH_WINDOW = 12;
export const IDEOGRAPH_DIGEST_FILE = fileURLToPath(new URL("../fixtures/reference-windows.zh.txt", import.meta.url));
const REFERENCE_FILES = ["knowledge/time-wait.md", "seed/time-wait-notes.zh.md"];

/** Markdown emphasis and code marks dropped, whitespace collapsed, lower case. */
const normalise = (text: string) => text.replace(/[`*]/g, "").replace(/\s+/g, " ").toLowerCase();

const hashOf = (window: string) => createHash("sha256").update(window).digest("hex").slice(0, 12);

export function windowHashes(text: string): Set<string> {
  const t = normalise(text);
  const out = new Set<string>();
  for (let i = 0; i + WINDOW <= t.length; i++) out.add(hashOf(t.slice(i, i + WINDOW)));
  return out;
}

/** The first 40-character run of `text` whose hash is in `reference`, or null. */
export function copiedRun(text: string, reference: Set<string>): string | null {
  const t = normalise(text);
  for (let i = 0; i + WINDOW <= t.length; i++) {
    const run = t.slice(i, i + WINDOW);
    if (reference.has(hashOf(run))) return run;
  }
  return null;
}

const ideographs = (text: string) => text.replace(/[^\u3400-\u9fff]/g, "");

export function ideographHashes(text: string): Set<string> {
  const t = ideographs(text);
  const out = new Set<string>();
  for (let i = 0; i + IDEOGRAPH_WINDOW <= t.length; i++) out.add(hashOf(t.slice(i, i + IDEOGRAPH_WINDOW)));
  return out;
}

/** The first run of 12 Chinese characters of `text` whose hash is in `reference`, or null. */
export function copiedIdeographs(text: string, reference: Set<string>): string | null {
  const t = ideographs(text);
  for (let i = 0; i + IDEOGRAPH_WINDOW <= t.length; i++) {
    const run = t.slice(i, i + IDEOGRAPH_WINDOW);
    if (reference.has(hashOf(run))) return run;
  }
  return null;
}

export function readDigest(file = DIGEST_FILE): Set<string> {
  return new Set(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => /^[0-9a-f]{12}$/.test(l)),
  );
}

/** Where the reference documents are: TWSCOPE_SHARED_DIR, else `../shared` beside the repository. */
export function referenceDir(): string {
  return process.env.TWSCOPE_SHARED_DIR ?? resolve(fileURLToPath(new URL("../../", import.meta.url)), "../shared");
}

export const referencesPresent = () => REFERENCE_FILES.every((f) => existsSync(resolve(referenceDir(), f)));

/** The digest as the documents give it now, sorted, one hash a line (`ideographHashes` for the Chinese one). */
export function digestFromDocuments(hashes: (text: string) => Set<string> = windowHashes): string {
  const all = new Set<string>();
  for (const f of REFERENCE_FILES) for (const h of hashes(readFileSync(resolve(referenceDir(), f), "utf8"))) all.add(h);
  return [...all].sort().join("\n") + "\n";
}
