import { z } from "zod";

/** What a silence mutes: one alert rule, one host (by name), or every host with a tag. */
export const SILENCE_MATCHERS = ["rule", "host", "tag"] as const;
export type SilenceMatcher = (typeof SILENCE_MATCHERS)[number];

export interface Silence {
  id: number;
  matcher: SilenceMatcher;
  value: string;
  startsAt: number;
  endsAt: number;
  createdBy: string;
  reason: string;
  createdAt: number;
}

export interface SilenceTarget {
  ruleId: string;
  hostName: string;
  tags: readonly string[];
}

/** The silence in force at `now` that mutes the alert, if any: it keeps its state but notifies nobody. */
export function silenceFor(silences: readonly Silence[], target: SilenceTarget, now: number): Silence | null {
  return (
    silences.find((s) => {
      if (now < s.startsAt || now >= s.endsAt) return false;
      if (s.matcher === "rule") return s.value === target.ruleId;
      if (s.matcher === "host") return s.value === target.hostName;
      return target.tags.includes(s.value);
    }) ?? null
  );
}

const MAX_SILENCE_MS = 90 * 86_400_000;

/** A new silence: what it mutes, until when (at most 90 days ahead), and why. */
export const silenceCreateSchema = z
  .object({
    matcher: z.enum(SILENCE_MATCHERS),
    value: z.string().trim().min(1).max(100),
    startsAt: z.number().int().positive().optional(),
    endsAt: z.number().int().positive(),
    reason: z.string().trim().min(3, "say why, in a few words").max(500),
  })
  .strict()
  .refine((s) => s.startsAt === undefined || s.startsAt < s.endsAt, { message: "a silence must end after it starts", path: ["endsAt"] });
export type SilenceCreateInput = z.output<typeof silenceCreateSchema>;

/** The longest a silence may run, from now. */
export function silenceTooLong(endsAt: number, now: number): boolean {
  return endsAt - now > MAX_SILENCE_MS;
}
