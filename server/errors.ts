import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { msg, renderText, type Message, type StoredText } from "@/lib/i18n/message";
import { renderTextsIn } from "./i18n/render-texts";
import { translatorFor } from "./i18n/translator";

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

/**
 * An error meant for API callers: its text is safe to show, its code maps to an HTTP status. The text is
 * kept as a catalogue message (`errors.*`) and said in the caller's language; `message` is the English.
 */
export class AppError extends Error {
  readonly httpStatus: number;
  /** The details with any message in them in English, as `message` is. */
  readonly details?: unknown;

  constructor(
    readonly code: ErrorCode,
    readonly text: StoredText,
    private readonly detailsAsData?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(renderText(translatorFor("en"), text));
    this.name = "AppError";
    this.httpStatus = ERROR_STATUS[code];
    this.details = detailsIn(detailsAsData, "en");
  }

  /** The message in `locale`; English is `message` itself. */
  messageIn(locale: Locale): string {
    return locale === "en" ? this.message : renderText(translatorFor(locale), this.text);
  }

  /** The details in `locale`: a field's refusal said in it, everything else as it is. */
  detailsIn(locale: Locale): unknown {
    return locale === "en" ? this.details : detailsIn(this.detailsAsData, locale);
  }
}

const detailsIn = (details: unknown, locale: Locale): unknown => renderTextsIn(details, translatorFor(locale));

/** The things a "… not found" names, by the words routes pass to `idParam`. */
const THINGS = {
  host: "host",
  user: "user",
  snapshot: "snapshot",
  "metrics token": "metricsToken",
  "alert channel": "alertChannel",
  "alert rule": "alertRule",
  silence: "silence",
} as const;
export type Thing = keyof typeof THINGS;

/** "host 7", "alert channel 3": the thing named by `errors.notFound`. */
export const thing = (what: Thing, id: string | number): Message => msg(`errors.things.${THINGS[what]}`, { id: String(id) });

const tooMany = (code: "rate_limited" | "too_many_snapshots", text: StoredText, seconds?: number) =>
  new AppError(code, text, seconds === undefined ? undefined : { retryAfter: seconds }, seconds);

// Numbers go into the messages as text: `{n}` with a number would group digits ("1,048,576"), which the English never did.
/** The named constructors: `throw errors.notFound(thing("host", 7))`, `errors.conflict(msg("errors.hostExists", { name }))`. */
export const errors = {
  badRequest: (text: StoredText, details?: unknown) => new AppError("bad_request", text, details),
  invalidJson: () => new AppError("invalid_json", msg("errors.invalidJson")),
  noPassword: () => new AppError("no_password", msg("errors.noPassword")),
  unauthenticated: () => new AppError("unauthenticated", msg("errors.unauthenticated")),
  /** `/metrics` without a valid scrape token; which of missing, malformed or unknown is not told. */
  noMetricsToken: () => new AppError("unauthenticated", msg("errors.noMetricsToken", { header: "Authorization: Bearer <token>" })),
  badCredentials: () => new AppError("bad_credentials", msg("errors.badCredentials")),
  forbidden: () => new AppError("forbidden", msg("errors.forbidden")),
  crossSite: (what: StoredText) => new AppError("cross_site", msg("errors.crossSite", { what })),
  setupClosed: () => new AppError("setup_closed", msg("errors.setupClosed")),
  wrongPassword: () => new AppError("wrong_password", msg("errors.wrongPassword")),
  notFound: (what: StoredText) =>
    new AppError("not_found", typeof what === "string" ? `${what} not found` : msg("errors.notFound", { what })),
  /** A share link that is unknown or revoked: which of the two is not told. */
  noSuchSnapshot: () => new AppError("not_found", msg("errors.noSuchSnapshot")),
  conflict: (text: StoredText) => new AppError("conflict", text),
  lastAdmin: () => new AppError("last_admin", msg("errors.lastAdmin")),
  expired: (text: StoredText) => new AppError("expired", text),
  tooLarge: (text: StoredText) => new AppError("too_large", text),
  bodyTooLarge: (maxBytes: number) => new AppError("too_large", msg("errors.bodyTooLarge", { maxBytes: String(maxBytes) })),
  rateLimited: (what: StoredText, seconds: number) =>
    tooMany("rate_limited", msg("errors.rateLimited", { what, seconds: String(seconds) }), seconds),
  tooManySnapshots: (text: StoredText) => tooMany("too_many_snapshots", text),
} as const;
