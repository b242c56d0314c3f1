import "server-only";
import fs from "node:fs";
import { loadConfig } from "../config";
import { CopyRefused, CountsDiffer } from "../db/copy/copy-errors";
import { copyToPostgres } from "../db/copy/copy-database";
import { openDatabase } from "../db/open-database";
import { maskPassword, withoutPassword } from "../db/postgres/url-password";
import { countsTable, progressPrinter } from "./copy-output";

export const DB_USAGE = `  db copy --to postgres://… [--from FILE] [--replace] [--migrate-source]
                            copy the SQLite file (TWSCOPE_DATA_DIR/twscope.db by default),
                            history included, into a PostgreSQL database and compare every
                            table's row count; refuses a target that holds twscope data
                            unless --replace; --migrate-source first migrates an older file
                            exit 0 copied and verified, 1 counts differ (nothing kept),
                            2 refused or failed (nothing kept), 64 usage
`;

const USAGE_ERROR = 64;

interface CopyArgs {
  to: string;
  from: string | null;
  replace: boolean;
  migrateSource: boolean;
}

/** `twscope db copy …`. */
export async function runDb(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  const parsed = verb === "copy" ? parseCopyArgs(rest) : "give a subcommand: copy";
  if (typeof parsed === "string") {
    process.stderr.write(`twscope db: ${parsed}\nusage: twscope\n${DB_USAGE}`);
    return USAGE_ERROR;
  }
  try {
    return await copy(parsed);
  } catch (err) {
    process.stderr.write(`twscope db copy: ${maskPassword(messageOf(err), parsed.to)}\n`);
    return err instanceof CountsDiffer ? 1 : 2;
  }
}

async function copy(args: CopyArgs): Promise<number> {
  const from = args.from ?? loadConfig().databaseFile;
  const say = (line: string) => process.stderr.write(`${maskPassword(line, args.to)}\n`);
  if (args.migrateSource && fs.existsSync(from)) {
    say(`migrating ${from} to this twscope's schema`);
    await (await openDatabase({ databaseFile: from })).close();
  }
  say(`copying ${from} into ${withoutPassword(args.to)}`);
  try {
    const report = await copyToPostgres({ from, to: args.to, replace: args.replace, progress: progressPrinter(say) });
    process.stdout.write(countsTable(report));
    say(`next: start twscope with TWSCOPE_DATABASE_URL set to this database and the same secret key as before`);
    return 0;
  } catch (err) {
    if (err instanceof CountsDiffer) process.stdout.write(countsTable(err.report));
    throw err;
  }
}

function parseCopyArgs(args: string[]): CopyArgs | string {
  const result: CopyArgs = { to: "", from: null, replace: false, migrateSource: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = splitFlag(args[i]!);
    if (flag === "--replace" || flag === "--migrate-source") {
      if (inline !== undefined) return `${flag} takes no value`;
      if (flag === "--replace") result.replace = true;
      else result.migrateSource = true;
      continue;
    }
    if (flag !== "--to" && flag !== "--from") return `unknown argument ${JSON.stringify(args[i])}`;
    const value = inline ?? args[++i];
    if (!value) return `${flag} needs a value`;
    if (flag === "--to") result.to = value;
    else result.from = value;
  }
  if (!result.to) return "--to postgres://… is required: the PostgreSQL database to copy into";
  if (!isPostgresUrl(result.to))
    return `--to must be a postgres:// or postgresql:// URL, not ${JSON.stringify(withoutPassword(result.to))}`;
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

function messageOf(err: unknown): string {
  if (err instanceof CopyRefused || err instanceof CountsDiffer) return err.message;
  if (err instanceof AggregateError) return err.errors.map((e: Error) => e.message).join("; ") || "failed";
  return err instanceof Error ? err.message : String(err);
}
