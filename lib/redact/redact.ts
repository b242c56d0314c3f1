import { canonicalIpv6 } from "../bundle/plain/socket-tables";
import { isMessage } from "../i18n/message";

// Candidates only: each match is validated before it is replaced, so times (12:30:45),
// versions (1.2.3.4.5) and sysctl names pass through untouched.
const IPV6 = String.raw`(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:%[0-9A-Za-z_.-]+)?(?![0-9A-Za-z_:])`;
const IPV4 = String.raw`(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\d|\.\d)`;
/** `ip-10-20-30-45` (cloud host names), `10-20-30-45.` (DNS names of pods and services). */
const DASHED = String.raw`(?<![A-Za-z0-9.-])(?:ip-)?\d{1,3}(?:-\d{1,3}){3}(?![A-Za-z0-9]|-\d)`;
/** `/proc/net/tcp` and `tcp6` address fields: 8 or 32 hex digits, then `:` and a 4-digit hex port. */
const PROC_HEX = String.raw`(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8})(?=:[0-9A-Fa-f]{4}(?![0-9A-Fa-f]))`;
const NAME_BEFORE = String.raw`(?<![A-Za-z0-9.-])`;
const NAME_AFTER = String.raw`(?![A-Za-z0-9-]|\.[A-Za-z0-9])`;

/** Names that identify nothing: the wildcard, the loopback name, a bundle host's placeholder address. */
const HARMLESS = new Set(["::", "localhost", "-", ""]);

/**
 * Replaces every IPv4 and IPv6 address (`::ffff:`-mapped ones as their IPv4 form) and every
 * `hostnames` entry by a pseudonym (`host-A`, `host-B`, …), the same one for the same address in
 * every string it replaces. Keep one redactor for all the strings of one snapshot.
 */
export function createRedactor(hostnames: readonly string[] = []) {
  const pseudonyms = new Map<string, string>();
  const names = [...new Set(hostnames.map(nameKey))].filter((n) => !HARMLESS.has(n) && !ipKey(n)).sort((a, b) => b.length - a.length);
  const alternatives = [`(?<hex>${PROC_HEX})`, `(?<ip6>${IPV6})`, `(?<ip4>${IPV4})`, `(?<dashed>${DASHED})`];
  if (names.length > 0) alternatives.push(`(?<name>${NAME_BEFORE}(?:${names.map(escapeRegExp).join("|")})${NAME_AFTER})`);
  const pattern = new RegExp(alternatives.join("|"), "gi");

  const pseudonymOf = (key: string) => {
    let p = pseudonyms.get(key);
    if (!p) {
      p = `host-${letters(pseudonyms.size)}`;
      pseudonyms.set(key, p);
    }
    return p;
  };
  const text = (s: string): string =>
    s.replace(pattern, (match, ...args) => {
      const groups = args.at(-1) as { name?: string; hex?: string; dashed?: string };
      const key =
        groups.name !== undefined
          ? nameKey(match)
          : groups.hex !== undefined
            ? procHexKey(match)
            : groups.dashed !== undefined
              ? ipKey(match.replace(/^ip-/i, "").replaceAll("-", "."))
              : ipKey(match);
      return key && !HARMLESS.has(key) ? pseudonymOf(key) : match;
    });
  const value = <T>(v: T): T => walk(v, text) as T;
  return { text, value };
}

/** A copy of `payload` with every string (object keys too) redacted by one fresh redactor. */
export function redactPayload<T>(payload: T, hostnames: readonly string[] = []): T {
  return createRedactor(hostnames).value(payload);
}

function walk(v: unknown, text: (s: string) => string): unknown {
  if (typeof v === "string") return text(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, text));
  // A finding's message (lib/i18n/message.ts): its key and value names are the catalogue's, never a host's data.
  if (isMessage(v) && v.key.startsWith("advice.") && Object.keys(v).every((k) => k === "key" || k === "values"))
    return v.values ? { key: v.key, values: Object.fromEntries(Object.entries(v.values).map(([k, x]) => [k, walk(x, text)])) } : v;
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x, text)]));
  }
  return v;
}

/** The canonical form of an IP address (`::ffff:`-mapped IPv6 as IPv4), or null when the text is not one. */
export function ipKey(text: string): string | null {
  const v4 = ipv4Key(text);
  if (v4) return v4;
  const bare = text.replace(/%.*$/, "").toLowerCase();
  const tail = V4_TAIL.exec(bare);
  if (tail && !ipv4Key(tail[1]!)) return null;
  const hex = tail ? bare.replace(V4_TAIL, (_, v4: string) => v4ToHex(v4)) : bare;
  if (!isHexIpv6(hex)) return null;
  const canonical = canonicalIpv6(hex);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  return mapped ? hexToV4(mapped[1]!, mapped[2]!) : canonical;
}

const V4_TAIL = /:(\d+\.\d+\.\d+\.\d+)$/;

/**
 * The address a `/proc/net/tcp{,6}` field stands for: 32-bit words in the host's byte order,
 * read little-endian as on x86 and arm64 (the same address then gets its dotted form's pseudonym).
 */
function procHexKey(hex: string): string | null {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  if (words.length === 1)
    return ipKey(
      words[0]!
        .match(/../g)!
        .map((b) => parseInt(b, 16))
        .join("."),
    );
  return ipKey(words.join("").match(/.{4}/g)!.join(":"));
}

function ipv4Key(text: string): string | null {
  if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(text)) return null;
  const octets = text.split(".").map(Number);
  return octets.every((o) => o <= 255) ? octets.join(".") : null;
}

function isHexIpv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

function v4ToHex(v4: string): string {
  const [a, b, c, d] = v4.split(".").map(Number) as [number, number, number, number];
  return `:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function hexToV4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join(".");
}

function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

function letters(n: number): string {
  let s = "";
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
