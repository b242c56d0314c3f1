/** The port of an `address:port` as ss or netstat print it: the text after the last colon. */
export function portOf(endpoint: string): string {
  return endpoint.slice(endpoint.lastIndexOf(":") + 1);
}

/**
 * The probe's client-side group key for a remote `address:port`: brackets and `%scope` dropped,
 * `::ffff:`-mapped IPv4 written as plain IPv4, other IPv6 addresses in brackets in lowercase
 * RFC 5952 form (`[2001:db8::1]:443`). ss and netstat already print RFC 5952 text; hand-edited
 * text (upper case, zeros written out) is brought to the same form.
 */
export function formatPeer(endpoint: string): string {
  const colon = endpoint.lastIndexOf(":");
  const port = endpoint.slice(colon + 1);
  let addr = endpoint.slice(0, colon).replace(/[[\]]/g, "").replace(/%.*/, "");
  if (addr.includes(":")) addr = canonicalIpv6(addr);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/.test(addr)) addr = addr.slice(7);
  return `${addr.includes(":") ? `[${addr}]` : addr}:${port}`;
}

/**
 * RFC 5952 text of an IPv6 address written with hex groups only; other text (dotted forms such
 * as `::ffff:1.2.3.4`, which inet_ntop already wrote in its final form, or anything that does
 * not parse) comes back lower-cased and otherwise unchanged.
 */
export function canonicalIpv6(text: string): string {
  const lower = text.toLowerCase();
  const groups = hexGroups(lower);
  if (!groups) return lower;
  // The longest run of two or more zero groups (the first one on a tie) becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0, run = 0; i < 8; i++) {
    run = groups[i] === 0 ? run + 1 : 0;
    if (run > bestLen) { bestLen = run; best = i - run + 1; }
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

function hexGroups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const words = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!words.every((w) => /^[0-9a-f]{1,4}$/.test(w))) return null;
  return words.map((w) => parseInt(w, 16));
}
