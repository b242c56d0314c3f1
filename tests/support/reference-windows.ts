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

const ideographs = (text: string) => text.replace(/[^\u3400-\u9fff]/g, "");

/** How a text is cut into runs: what is kept of it, and how many characters a run has. */
interface Windows {
  keep: (text: string) => string;
  size: number;
}
const LATIN: Windows = { keep: normalise, size: WINDOW };
const IDEOGRAPHS: Windows = { keep: ideographs, size: IDEOGRAPH_WINDOW };

function* runsOf(text: string, { keep, size }: Windows): Generator<string> {
  const t = keep(text);
  for (let i = 0; i + size <= t.length; i++) yield t.slice(i, i + size);
}

const hashesOf = (text: string, windows: Windows) => new Set([...runsOf(text, windows)].map(hashOf));

function firstCopied(text: string, reference: Set<string>, windows: Windows): string | null {
  for (const run of runsOf(text, windows)) if (reference.has(hashOf(run))) return run;
  return null;
}

export const windowHashes = (text: string) => hashesOf(text, LATIN);

/** The first 40-character run of `text` whose hash is in `reference`, or null. */
export const copiedRun = (text: string, reference: Set<string>) => firstCopied(text, reference, LATIN);

export const ideographHashes = (text: string) => hashesOf(text, IDEOGRAPHS);

/** The first run of 12 Chinese characters of `text` whose hash is in `reference`, or null. */
export const copiedIdeographs = (text: string, reference: Set<string>) => firstCopied(text, reference, IDEOGRAPHS);

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
