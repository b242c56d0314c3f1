import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../config";
import { closeContext, createContext, type AppContext } from "../context";
import { importInventory } from "../services/hosts/inventory-import";
import { inventoryReport } from "./inventory-report";

export const HOSTS_USAGE = `  hosts import FILE|- [--name NAME] [--format ini|yaml] [--user USER]
                    [--apply [--remove-gone]] [--json]
                            an Ansible inventory (INI or YAML): previews the hosts it
                            adds, changes and no longer lists; --apply saves them
                            (groups become tags), --remove-gone also removes the ones
                            an earlier import of NAME (the file's name) added and it
                            no longer lists; --user for hosts without ansible_user
`;

/** `twscope hosts import …` against the configured database. Exit 0 done, 2 refused, 64 usage. */
export async function runHosts(args: string[]): Promise<number> {
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
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (verb !== "import" || positionals.length !== 1 || !file) return usage();
  if (file === "-" && !values.name) return usage("give the inventory a --name when it comes on standard input");
  if (values["remove-gone"] && !values.apply) return usage("--remove-gone goes with --apply");
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
    );
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : inventoryReport(result, values["remove-gone"] ?? false));
    return 0;
  } catch (err) {
    const message =
      err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") : (err as Error).message;
    process.stderr.write(`twscope: ${message}\n`);
    return 2;
  } finally {
    await closeContext(ctx);
  }
}

function usage(why?: string): number {
  process.stderr.write(`${why ? `twscope: ${why}\n` : ""}usage: twscope\n${HOSTS_USAGE}`);
  return 64;
}
