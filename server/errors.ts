import "server-only";
import type { HostStatus } from "@/lib/types";

/** An error meant for API callers: its message is safe to show, its status maps to HTTP. */
export class AppError extends Error {
  constructor(readonly httpStatus: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found`);
export const conflict = (message: string) => new AppError(409, "conflict", message);
export const badRequest = (message: string, details?: unknown) => new AppError(400, "bad_request", message, details);

/** Why one poll of a host failed, as the host status it leads to. */
export class PollFailure extends Error {
  constructor(readonly status: Exclude<HostStatus, "ok" | "pending">, message: string, readonly seenFingerprint?: string) {
    super(message);
    this.name = "PollFailure";
  }
}
