import "server-only";
import os from "node:os";
import { z } from "zod";
import { newPassword, role as roleSchema, userName } from "@/lib/auth/schemas";
import type { Role } from "@/lib/auth/types";
import { recordAudit } from "../db/audit";
import { getUserByName } from "../db/users";
import { unlockAccount } from "../auth/password-guard";
import { AppError } from "../errors";
import { loadConfig } from "../config";
import { closeContext, createContext, type AppContext } from "../context";
import { createUser, deleteUser, listUserDtos, updateUser } from "../services/users";
import { readPassword } from "./read-password";

export const USER_USAGE = `  user add [--admin | --role viewer|admin] NAME
                            create a user (the password is asked for, or read from
                            TWSCOPE_PASSWORD or the first line of standard input)
  user passwd NAME          set a new password (ends that user's sessions)
  user role NAME viewer|admin
  user remove NAME
  user unlock NAME          forget NAME's failed sign-ins, so the account is neither
                            slowed down nor refused (at once, on every server process)
  user list
`;

/** `twscope user …` against the database in TWSCOPE_DATA_DIR (./data by default). Exit 0 done, 2 refused, 64 usage. */
export async function runUser(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  let ctx: AppContext | null = null;
  try {
    ctx = await createContext(loadConfig());
    return await dispatch(ctx, verb, rest);
  } catch (err) {
    const message =
      err instanceof z.ZodError
        ? err.issues.map((i) => i.message).join("; ")
        : err instanceof AppError || err instanceof Error
          ? err.message
          : String(err);
    process.stderr.write(`twscope: ${message}\n`);
    return 2;
  } finally {
    await closeContext(ctx);
  }
}

async function dispatch(ctx: AppContext, verb: string | undefined, rest: string[]): Promise<number> {
  const actor = `cli:${os.userInfo().username}`;
  if (verb === "list") {
    for (const u of await listUserDtos(ctx)) process.stdout.write(`${u.name}\t${u.role}\n`);
    return 0;
  }
  if (verb === "add") {
    const { name, role } = parseAdd(rest);
    const password = newPassword.parse(await readPassword(`password for ${name}`));
    const user = await createUser(ctx, name, role, password, actor);
    process.stdout.write(`twscope: user ${user.name} added as ${user.role}\n`);
    return 0;
  }
  const [name, value] = rest;
  if (!name) return usage();
  const user = await getUserByName(ctx.db, name);
  if (!user) throw new Error(`no user named ${name}`);
  if (verb === "passwd") {
    await updateUser(ctx, user.id, { password: newPassword.parse(await readPassword(`new password for ${name}`)) }, actor);
    process.stdout.write(`twscope: password of ${name} changed; their sessions ended\n`);
    return 0;
  }
  if (verb === "role" && value) {
    await updateUser(ctx, user.id, { role: roleSchema.parse(value) }, actor);
    process.stdout.write(`twscope: ${name} is now ${value}\n`);
    return 0;
  }
  if (verb === "unlock") {
    await unlockAccount(ctx.db, user.name);
    await recordAudit(ctx.db, actor, "user.unlock", user.name, { id: user.id });
    process.stdout.write(`twscope: ${name} unlocked; its failed sign-ins are forgotten\n`);
    return 0;
  }
  if (verb === "remove") {
    await deleteUser(ctx, user.id, { userId: null, name: actor, role: "admin", via: "session" });
    process.stdout.write(`twscope: ${name} removed\n`);
    return 0;
  }
  return usage();
}

function parseAdd(args: string[]): { name: string; role: Role } {
  let role: Role = "viewer";
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--admin") role = "admin";
    else if (a === "--role") role = roleSchema.parse(args[++i]);
    else names.push(a);
  }
  if (names.length !== 1) throw new Error("give exactly one user name");
  return { name: userName.parse(names[0]), role };
}

function usage(): number {
  process.stderr.write(`usage: twscope\n${USER_USAGE}`);
  return 64;
}
