import "server-only";

const MASK = "…";

/** The URL without its password, for messages. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    return u.toString().replace(encodeURIComponent(MASK), MASK);
  } catch {
    return "(an unreadable URL)";
  }
}

/** `text` with the URL's password masked wherever it appears (as written in the URL, or decoded), for messages from any source. */
export function maskPassword(text: string, url: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    // Unparseable: mask whatever stands between "user:" and "@" in it.
    password = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1] ?? "";
  }
  const forms = new Set([password, safeDecode(password)].filter((p) => p.length > 0));
  let masked = text;
  for (const p of forms) masked = masked.split(p).join(MASK);
  return masked;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
