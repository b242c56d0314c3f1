import "server-only";
import fs from "node:fs";
import { analyzeSample } from "@/lib/advice/analyze";
import { renderReport } from "@/lib/advice/render-text";
import { buildReport, exitCodeOf } from "@/lib/advice/report";
import { BundleError } from "@/lib/bundle/bundle-error";
import { inputError } from "@/lib/bundle/input-note";
import { renderText } from "@/lib/i18n/message";
import { parseAnyBundle, type AnyBundle } from "@/lib/bundle/parse-any-bundle";
import { archiveKind, readSosreportArchiveFile } from "../ingest/read-sosreport-archive";
import { readSosreportDir } from "../ingest/read-sosreport-dir";
import { translatorFor } from "@/server/i18n/translator";
import { cliLocale, LANG_USAGE, UnknownLanguageError } from "./cli-locale";

const MAX_INPUT = 8 * 1024 * 1024;
export const UNUSABLE_INPUT = 3;

function readInput(file: string): Buffer {
  const fd = file === "-" ? 0 : fs.openSync(file, "r");
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EAGAIN") continue;
      throw err;
    }
    if (read === 0) break;
    total += read;
    if (total > MAX_INPUT) throw new BundleError("malformed", inputError("inputTooLarge", { size: MAX_INPUT / 1024 / 1024 }));
    chunks.push(Buffer.from(buf.subarray(0, read)));
  }
  if (fd !== 0) fs.closeSync(fd);
  return Buffer.concat(chunks);
}

function headOf(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(512);
    return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** A bundle file, standard input (`-`), a sosreport archive, or an extracted sosreport directory. */
async function readBundle(file: string): Promise<AnyBundle> {
  if (file !== "-" && fs.statSync(file).isDirectory()) return readSosreportDir(file);
  if (file !== "-" && archiveKind(headOf(file)) !== null) return readSosreportArchiveFile(file);
  return parseAnyBundle(readInput(file).toString("utf8"));
}

/**
 * `twscope analyze FILE|DIR|- [--json] [--lang en|zh-CN]`: findings for a bundle, in the language of `--lang` or the
 * POSIX locale (the JSON keeps its schema; its texts are in that language too); exit 0 healthy, 1 warning,
 * 2 critical, 3 unusable input, 4 unknown (no TIME_WAIT count).
 */
export async function runAnalyze(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let chosen;
  try {
    chosen = cliLocale(argv, env);
  } catch (err) {
    if (!(err instanceof UnknownLanguageError)) throw err;
    process.stderr.write(`twscope analyze: ${err.message}\n`);
    return UNUSABLE_INPUT;
  }
  const { locale, args } = chosen;
  const t = translatorFor(locale);
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  if (files.length !== 1) {
    process.stderr.write(`${t("cli.analyze.usage", { lang: LANG_USAGE })}\n`);
    return UNUSABLE_INPUT;
  }
  let parsed;
  try {
    parsed = await readBundle(files[0]!);
  } catch (err) {
    const what =
      err instanceof BundleError
        ? renderText(t, err.text)
        : (err as NodeJS.ErrnoException).code === "ENOENT"
          ? t("cli.analyze.noSuchFile", { file: files[0]! })
          : (err as Error).message;
    process.stderr.write(`${t("cli.analyze.unusable", { what })}\n`);
    return UNUSABLE_INPUT;
  }
  const report = buildReport(parsed.sample, analyzeSample(parsed.sample), t, parsed.missing);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, t));
  return exitCodeOf(report);
}
