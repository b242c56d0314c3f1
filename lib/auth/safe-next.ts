const BASE = "http://twscope.invalid";

/** Control characters (browsers drop tabs and newlines from URLs) and backslashes (read as `/`). */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * A same-origin path to return to after sign-in; anything else becomes `/`. Refused: other origins,
 * `//host`, and whatever a browser could turn into one — control characters, backslashes, and
 * `//` that appears only after percent-decoding.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.length > 2048) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return "/";
  }
  for (const form of [next, decoded]) {
    if (UNSAFE.test(form) || form.startsWith("//")) return "/";
  }
  const url = new URL(next, BASE);
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return url.pathname + url.search + url.hash;
}
