/** One hop of OpenSSH's ProxyJump (`ssh -J`): `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export interface JumpHop {
  user: string | null;
  host: string;
  port: number | null;
}

/** The hops of a ProxyJump value, the one connected to first first; `none` is none. Null when a hop cannot be read. */
export function parseJumpSpec(spec: string): JumpHop[] | null {
  const value = spec.trim();
  if (value.toLowerCase() === "none") return [];
  const hops = value.split(",").map((h) => parseHop(h.trim()));
  return hops.every((h): h is JumpHop => h !== null) && hops.length > 0 ? hops : null;
}

function parseHop(text: string): JumpHop | null {
  const m = /^(?:ssh:\/\/)?(?:([^@\s/]+)@)?(\[[^\]\s]+\]|[^@:\s/[\]]+)(?::(\d{1,5}))?\/?$/.exec(text);
  if (!m) return null;
  const port = m[3] === undefined ? null : Number(m[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { user: m[1] ?? null, host: m[2]!.replace(/^\[(.*)\]$/, "$1"), port };
}

/** A hop as ssh writes it: `user@host:port`, each part only when given. */
export function formatJumpHop(hop: JumpHop): string {
  const host = hop.host.includes(":") ? `[${hop.host}]` : hop.host;
  return `${hop.user ? `${hop.user}@` : ""}${host}${hop.port ? `:${hop.port}` : ""}`;
}
