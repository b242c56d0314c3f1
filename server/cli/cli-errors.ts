import "server-only";
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { AppError } from "../errors";
import { fieldMessageIn } from "../i18n/zod-messages";

/** Why a command failed, in the CLI's language: a service's refusal, a schema's (`path: why` when `withPath`), or any other error's message. */
export function cliErrorMessage(err: unknown, locale: Locale, { withPath = false } = {}): string {
  if (err instanceof z.ZodError)
    return err.issues.map((i) => `${withPath ? `${i.path.join(".") || "input"}: ` : ""}${fieldMessageIn(i.message, locale)}`).join("; ");
  if (err instanceof AppError) return err.messageIn(locale);
  return err instanceof Error ? err.message : String(err);
}
