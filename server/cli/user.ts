import "server-only";
import os from "node:os";
import { newPassword, role as roleSchema, userName } from "@/lib/auth/schemas";
import type { Role } from "@/lib/auth/types";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/message";
import { recordAudit } from "../db/audit";
import { getUserByName } from "../db/users";
import { unlockAccount } from "../auth/password-guard";
import { loadConfig } from "../config";
import { closeContext, createContext, type AppContext } from "../context";
import { translatorFor } from "../i18n/translator";
import { zodParseOptions } from "../i18n/zod-messages";
import { createUser, deleteUser, listUserDtos, updateUser } from "../services/users";
import { cliErrorMessage } from "./cli-errors";
import { readPassword } from "./read-password";

/** The `user` lines of `twscope --help`. */
export const userUsage = (t: Translate) => t("cli.usage.user");

/** A refusal of the command line itself, said as it is. */
class CliRefusal extends Error {}

/** `twscope user …` against the database in TWSCOPE_DATA_DIR (./data by default). Exit 0 done, 2 refused, 64 usage. */
export async function runUser(args: string[], locale: Locale = "en"): Promise<number> {
  const [verb, ...rest] = args;
  const t = translatorFor(locale);
  let ctx: AppContext | null = null;
  try {
    ctx = await createContext(loadConfig());
    return await dispatch(ctx, t, locale, verb, rest);
  } catch (err) {
    process.stderr.write(`twscope: ${cliErrorMessage(err, locale)}\n`);
    return 2;
  } finally {
    await closeContext(ctx);
  }
}

async function dispatch(ctx: AppContext, t: Translate, locale: Locale, verb: string | undefined, rest: string[]): Promise<number> {
  const actor = `cli:${os.userInfo().username}`;
  const say = (line: string) => process.stdout.write(`twscope: ${line}\n`);
  const password = async (prompt: string) => newPassword.parse(await readPassword(prompt, t), zodParseOptions(locale));
  if (verb === "list") {
    for (const u of await listUserDtos(ctx)) process.stdout.write(`${u.name}\t${u.role}\n`);
    return 0;
  }
  if (verb === "add") {
    const { name, role } = parseAdd(rest, t, locale);
    const user = await createUser(ctx, name, role, await password(t("cli.user.passwordFor", { name })), actor);
    say(t("cli.user.added", { name: user.name, role: t("cli.user.role", { role: user.role }) }));
    return 0;
  }
  const [name, value] = rest;
  if (!name) return usage(t);
  const user = await getUserByName(ctx.db, name);
  if (!user) throw new CliRefusal(t("cli.user.noSuchUser", { name }));
  if (verb === "passwd") {
    await updateUser(ctx, user.id, { password: await password(t("cli.user.newPasswordFor", { name })) }, actor);
    say(t("cli.user.passwordChanged", { name }));
    return 0;
  }
  if (verb === "role" && value) {
    const role = roleSchema.parse(value, zodParseOptions(locale));
    await updateUser(ctx, user.id, { role }, actor);
    say(t("cli.user.roleChanged", { name, role: t("cli.user.role", { role }) }));
    return 0;
  }
  if (verb === "unlock") {
    await unlockAccount(ctx.db, user.name);
    await recordAudit(ctx.db, actor, "user.unlock", user.name, { id: user.id });
    say(t("cli.user.unlocked", { name }));
    return 0;
  }
  if (verb === "remove") {
    await deleteUser(ctx, user.id, { userId: null, name: actor, role: "admin", via: "session" });
    say(t("cli.user.removed", { name }));
    return 0;
  }
  return usage(t);
}

function parseAdd(args: string[], t: Translate, locale: Locale): { name: string; role: Role } {
  let role: Role = "viewer";
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--admin") role = "admin";
    else if (a === "--role") role = roleSchema.parse(args[++i], zodParseOptions(locale));
    else names.push(a);
  }
  if (names.length !== 1) throw new CliRefusal(t("cli.user.oneName"));
  return { name: userName.parse(names[0], zodParseOptions(locale)), role };
}

function usage(t: Translate): number {
  process.stderr.write(`${t("cli.usage.short")}\n${userUsage(t)}`);
  return 64;
}
