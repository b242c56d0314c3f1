import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { msg } from "@/lib/i18n/message";
import { AppError } from "../errors";
import { fieldMessageIn } from "../i18n/zod-messages";

/**
 * The JSON error answer `{ error: { code, message, details } }`, with the status from the error table.
 * `message` (and any message in `details`) is in `locale`; `code` is the same in every language.
 */
export function errorResponse(err: unknown, headers: Record<string, string> = {}, locale: Locale = DEFAULT_LOCALE): Response {
  if (err instanceof AppError) {
    const retry: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return NextResponse.json(
      { error: { code: err.code, message: err.messageIn(locale), details: err.detailsIn(locale) } },
      { status: err.httpStatus, headers: { ...headers, ...retry } },
    );
  }
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: fieldMessageIn(i.message, locale) }));
    return errorResponse(new AppError("invalid_input", msg("errors.invalidInput"), issues), headers, locale);
  }
  console.error("twscope: unexpected error in a route handler:", err instanceof Error ? err.message : String(err));
  return errorResponse(new AppError("internal", msg("errors.internal")), headers, locale);
}
