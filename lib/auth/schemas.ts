import { z } from "zod";
import { ROLES } from "./types";

export const userName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.@-]+$/, "letters, digits and . _ - @ only");
/** Long passphrases are welcome; the cap only bounds hashing work. */
export const newPassword = z.string().min(10, "at least 10 characters").max(256);
export const role = z.enum(ROLES);

export const signInSchema = z.object({ name: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export const setupSchema = z.object({ token: z.string().min(1).max(100), name: userName, password: newPassword }).strict();
export const userCreateSchema = z.object({ name: userName, role: role.default("viewer"), password: newPassword }).strict();
export const userUpdateSchema = z.object({ role: role.optional(), password: newPassword.optional() }).strict();
export const passwordChangeSchema = z.object({ current: z.string().min(1).max(256), password: newPassword }).strict();
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
