import { z } from "zod";
import { RANGES, type Range } from "../series/range";

/** The expiries the share dialog offers; the API takes any whole number of days up to the maximum. */
export const EXPIRY_CHOICES_DAYS = [1, 7, 30, 90] as const;
export const DEFAULT_EXPIRY_DAYS = 7;
const MAX_EXPIRY_DAYS = 90;

const common = {
  redact: z.boolean().default(false),
  expiresInDays: z.number().int().min(1).max(MAX_EXPIRY_DAYS).default(DEFAULT_EXPIRY_DAYS),
};

export const snapshotCreateSchema = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("host"), hostId: z.number().int().positive(), range: z.enum(RANGES as [Range, ...Range[]]), ...common })
    .strict(),
  z.object({ kind: z.literal("fleet"), ...common }).strict(),
]);

export type SnapshotCreateInput = z.infer<typeof snapshotCreateSchema>;
/** What a client sends: the defaults may be left out. */
export type SnapshotCreateRequest = z.input<typeof snapshotCreateSchema>;
