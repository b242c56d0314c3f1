import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "../errors";

/** The JSON error answer `{ error: { code, message, details } }`, with the status from the error table. */
export function errorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  if (err instanceof AppError) {
    const retry: Record<string, string> = err.retryAfterSeconds ? { "retry-after": String(err.retryAfterSeconds) } : {};
    return NextResponse.json(
      { error: { code: err.code, message: err.message, details: err.details } },
      { status: err.httpStatus, headers: { ...headers, ...retry } },
    );
  }
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return errorResponse(new AppError("invalid_input", "the request is not valid", issues), headers);
  }
  console.error("twscope: unexpected error in a route handler:", err instanceof Error ? err.message : String(err));
  return errorResponse(new AppError("internal", "internal error"), headers);
}
