import "server-only";
import fs from "node:fs";
import { loadConfig } from "../config";
import { CopyFailed, CopyRefused, CountsDiffer } from "../db/copy/copy-errors";
import { copyToPostgres } from "../db/copy/copy-database";
import { openDatabase } from "../db/open-database";
import { maskPassword, withoutPassword } from "../db/postgres/url-password";
import { countsTable, progressPrinter } from "./copy-output";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { translatorFor } from "../i18n/translator";

/** The `db` lines of `twscope --help`. */
export const dbUsage = (t: Translate) => t("cli.usage.db");

const USAGE_ERROR = 64;

interface CopyArgs {
  to: string;
  from: string | null;
  replace: boolean;
  migrateSource: boolean;
}

/** `twscope db copy …`. */
export async function runDb(args: string[], locale: Locale = "en"): Promise<number> {
  const t = translatorFor(locale);
  const [verb, ...rest] = args;
  const parsed = verb === "copy" ? parseCopyArgs(rest, t) : t("cli.db.subcommand");
  if (typeof parsed === "string") {
    process.stderr.write(`twscope db: ${parsed}\n${t("cli.usage.short")}\n${dbUsage(t)}`);
    return USAGE_ERROR;
  }
  try {
    return await copy(parsed, t, locale);
  } catch (err) {
    process.stderr.write(`twscope db copy: ${maskPassword(messageOf(err, t), parsed.to)}\n`);
    return err instanceof CountsDiffer ? 1 : 2;
  }
}

async function copy(args: CopyArgs, t: Translate, locale: Locale): Promise<number> {
  const from = args.from ?? loadConfig().databaseFile;
  const say = (line: string) => process.stderr.write(`${maskPassword(line, args.to)}\n`);
  if (args.migrateSource && fs.existsSync(from)) {
    say(t("cli.db.migrating", { file: from }));
    await (await openDatabase({ databaseFile: from })).close();
  }
  say(t("cli.db.copying", { from, to: withoutPassword(args.to) }));
  try {
    const report = await copyToPostgres({ from, to: args.to, replace: args.replace, progress: progressPrinter(say, t, locale) });
    process.stdout.write(countsTable(report, t, locale));
    say(t("cli.db.next"));
    return 0;
  } catch (err) {
    if (err instanceof CountsDiffer) process.stdout.write(countsTable(err.report, t, locale));
    throw err;
  }
}

function parseCopyArgs(args: string[], t: Translate): CopyArgs | string {
  const result: CopyArgs = { to: "", from: null, replace: false, migrateSource: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = splitFlag(args[i]!);
    if (flag === "--replace" || flag === "--migrate-source") {
      if (inline !== undefined) return t("cli.db.noValue", { flag });
      if (flag === "--replace") result.replace = true;
      else result.migrateSource = true;
      continue;
    }
    if (flag !== "--to" && flag !== "--from") return t("cli.db.unknownArgument", { arg: JSON.stringify(args[i]) });
    const value = inline ?? args[++i];
    if (!value) return t("cli.db.needsValue", { flag });
    if (flag === "--to") result.to = value;
    else result.from = value;
  }
  if (!result.to) return t("cli.db.toRequired");
  if (!isPostgresUrl(result.to)) return t("cli.db.notPostgresUrl", { url: JSON.stringify(withoutPassword(result.to)) });
  return result;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function messageOf(err: unknown, t: Translate): string {
  if (err instanceof CopyRefused || err instanceof CopyFailed || err instanceof CountsDiffer) return err.said(t);
  if (err instanceof AggregateError) return err.errors.map((e: Error) => e.message).join("; ") || t("cli.db.refused.failed");
  return err instanceof Error ? err.message : String(err);
}
