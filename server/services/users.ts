import "server-only";
import type { Principal, Role, UserDto } from "@/lib/auth/types";
import { recordAudit } from "../db/audit";
import * as users from "../db/users";
import { errors, thing } from "../errors";
import { msg } from "@/lib/i18n/message";
import type { AppContext } from "../context";
import { passwordGuardOf } from "../auth/password-guard";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { setupTokenMatches, spendSetupTokens } from "../auth/setup";

const toDto = ({ passwordHash: _hidden, ...dto }: users.UserRecord): UserDto => dto;

export async function listUserDtos(ctx: AppContext): Promise<UserDto[]> {
  return (await users.listUsers(ctx.db)).map(toDto);
}

export async function createUser({ db }: AppContext, name: string, role: Role, password: string, actor: string): Promise<UserDto> {
  if (await users.getUserByName(db, name)) throw errors.conflict(msg("errors.userExists", { name }));
  const user = await users.insertUser(db, name, role, await hashPassword(password));
  await recordAudit(db, actor, "user.add", user.name, { id: user.id, role });
  return toDto(user);
}

/**
 * The first admin, with a setup token a start printed (on any process of the database): the token is
 * spent and the user created in one transaction, so a link works once and two links spent at the same
 * moment create one admin. The password is hashed first, outside the transaction.
 */
export async function createFirstAdmin({ db }: AppContext, token: string, name: string, password: string): Promise<UserDto> {
  if (!(await setupTokenMatches(db, token))) throw errors.setupClosed();
  const passwordHash = await hashPassword(password);
  return db.tx(async (tx) => {
    if (!(await spendSetupTokens(tx, token)) || (await users.countUsers(tx)) > 0) throw errors.setupClosed();
    const user = await users.insertUser(tx, name, "admin", passwordHash);
    await recordAudit(tx, "setup", "user.add", user.name, { id: user.id, role: "admin" });
    return toDto(user);
  });
}

/** Changes a role or sets a new password (which signs that user out everywhere); the last admin stays an admin. */
export async function updateUser(
  { db }: AppContext,
  id: number,
  patch: { role?: Role; password?: string },
  actor: string,
): Promise<UserDto> {
  const user = await users.getUser(db, id);
  if (!user) throw errors.notFound(thing("user", id));
  if (patch.role && patch.role !== user.role) {
    if (user.role === "admin" && (await users.countAdmins(db)) === 1) throw errors.lastAdmin();
    await users.setUserRole(db, id, patch.role);
    await recordAudit(db, actor, "user.role", user.name, { id, from: user.role, to: patch.role });
  }
  if (patch.password) {
    await users.setUserPassword(db, id, await hashPassword(patch.password));
    await recordAudit(db, actor, "user.password-reset", user.name, { id });
  }
  return toDto((await users.getUser(db, id))!);
}

export async function deleteUser({ db }: AppContext, id: number, actor: Principal): Promise<void> {
  const user = await users.getUser(db, id);
  if (!user) throw errors.notFound(thing("user", id));
  if (user.role === "admin" && (await users.countAdmins(db)) === 1) throw errors.lastAdmin();
  await users.deleteUser(db, id);
  await recordAudit(db, actor.name, "user.remove", user.name, { id });
}

/** A user changing their own password proves they know the current one. */
export async function changeOwnPassword(
  { db }: AppContext,
  who: Principal,
  current: string,
  password: string,
  address: string | null,
): Promise<void> {
  const user = who.userId === null ? null : await users.getUser(db, who.userId);
  if (!user) throw errors.noPassword();
  // Limited like sign-in: a stolen session must not become a way to guess the password.
  const ok = await passwordGuardOf(db).verify({ address, account: user.name, check: () => verifyPassword(current, user.passwordHash) });
  if (!ok) throw errors.wrongPassword();
  await users.setUserPassword(db, user.id, await hashPassword(password));
  await recordAudit(db, user.name, "user.password-change", user.name, { id: user.id });
}
