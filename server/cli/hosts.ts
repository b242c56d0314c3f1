import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { loadConfig } from "../config";
import { closeContext, createContext, type AppContext } from "../context";
import { translatorFor } from "../i18n/translator";
import { importInventory } from "../services/hosts/inventory-import";
import { cliErrorMessage } from "./cli-errors";
import { inventoryReport } from "./inventory-report";

/** The `hosts` lines of `twscope --help`. */
export const hostsUsage = (t: Translate) => t("cli.usage.hosts");

/** `twscope hosts import …` against the configured database. Exit 0 done, 2 refused, 64 usage. */
export async function runHosts(args: string[], locale: Locale = "en"): Promise<number> {
  const t = translatorFor(locale);
  const [verb, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        format: { type: "string" },
        user: { type: "string" },
        apply: { type: "boolean" },
        "remove-gone": { type: "boolean" },
        json: { type: "boolean" },
      },
    });
  } catch (err) {
    return usage(t, (err as Error).message);
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (verb !== "import" || positionals.length !== 1 || !file) return usage(t);
  if (file === "-" && !values.name) return usage(t, t("cli.hosts.nameForStdin"));
  if (values["remove-gone"] && !values.apply) return usage(t, t("cli.hosts.removeGoneWithApply"));
  let ctx: AppContext | null = null;
  try {
    const text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
    ctx = await createContext(loadConfig());
    const result = await importInventory(
      ctx,
      {
        text,
        name: values.name ?? path.basename(file),
        format: values.format as "ini" | "yaml" | undefined,
        defaultUser: values.user,
        apply: values.apply ?? false,
        removeGone: values["remove-gone"] ?? false,
      },
      `cli:${os.userInfo().username}`,
      values.json ? "en" : locale,
    );
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : inventoryReport(result, values["remove-gone"] ?? false, t));
    return 0;
  } catch (err) {
    process.stderr.write(`twscope: ${cliErrorMessage(err, locale, { withPath: true })}\n`);
    return 2;
  } finally {
    await closeContext(ctx);
  }
}

function usage(t: Translate, why?: string): number {
  process.stderr.write(`${why ? `twscope: ${why}\n` : ""}${t("cli.usage.short")}\n${hostsUsage(t)}`);
  return 64;
}
