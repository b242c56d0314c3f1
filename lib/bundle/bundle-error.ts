export type BundleErrorCode = "empty" | "not-a-bundle" | "unsupported-version" | "truncated" | "malformed";

/** A bundle that cannot be turned into a sample; the message says what is wrong with it. */
export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BundleError";
  }
}
