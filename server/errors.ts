import "server-only";

/**
 * Every error an API caller can get: its code (the `error.code` of the JSON answer) and the HTTP
 * status it maps to. Declared once here; routes and services throw them through `errors` below.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 400,
  invalid_json: 400,
  no_password: 400,
  unauthenticated: 401,
  bad_credentials: 401,
  forbidden: 403,
  cross_site: 403,
  setup_closed: 403,
  wrong_password: 403,
  not_found: 404,
  conflict: 409,
  last_admin: 409,
  expired: 410,
  too_large: 413,
  rate_limited: 429,
  too_many_snapshots: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error meant for API callers: its message is safe to show, its code maps to an HTTP status. */
export class AppError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.httpStatus = ERROR_STATUS[code];
  }
}

const tooMany = (code: "rate_limited" | "too_many_snapshots", message: string, seconds?: number) =>
  new AppError(code, message, seconds === undefined ? undefined : { retryAfter: seconds }, seconds);

/** The named constructors: `throw errors.notFound("host 7")`. */
export const errors = {
  badRequest: (message: string, details?: unknown) => new AppError("bad_request", message, details),
  invalidJson: () => new AppError("invalid_json", "the body is not valid JSON"),
  noPassword: () => new AppError("no_password", "users signed in through the proxy have no twscope password"),
  unauthenticated: () => new AppError("unauthenticated", "sign in first"),
  /** `/metrics` without a valid scrape token; which of missing, malformed or unknown is not told. */
  noMetricsToken: () => new AppError("unauthenticated", "a metrics token is needed: Authorization: Bearer <token>"),
  badCredentials: () => new AppError("bad_credentials", "wrong user name or password"),
  forbidden: () => new AppError("forbidden", "this needs the admin role"),
  crossSite: (what: string) => new AppError("cross_site", `cross-site request refused (${what})`),
  setupClosed: () =>
    new AppError(
      "setup_closed",
      "the setup link is wrong or was used already; ask whoever runs twscope, or run: npx twscope user add --admin NAME",
    ),
  wrongPassword: () => new AppError("wrong_password", "the current password is wrong"),
  notFound: (what: string) => new AppError("not_found", `${what} not found`),
  /** A share link that is unknown or revoked: which of the two is not told. */
  noSuchSnapshot: () => new AppError("not_found", "no such snapshot"),
  conflict: (message: string) => new AppError("conflict", message),
  lastAdmin: () => new AppError("last_admin", "this is the last admin; make another user admin first"),
  expired: (message: string) => new AppError("expired", message),
  tooLarge: (message: string) => new AppError("too_large", message),
  bodyTooLarge: (maxBytes: number) => new AppError("too_large", `the body is over ${maxBytes} bytes`),
  rateLimited: (message: string, seconds: number) => tooMany("rate_limited", `${message}; try again in ${seconds} s`, seconds),
  tooManySnapshots: (message: string) => tooMany("too_many_snapshots", message),
} as const;
