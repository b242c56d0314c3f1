/** A host found in an OpenSSH client config, with the options twscope uses. */
export interface SshConfigHost {
  alias: string;
  hostName: string;
  port: number | null;
  user: string | null;
  identityFile: string | null;
}

interface Block {
  patterns: string[];
  options: Map<string, string>;
}

/**
 * Reads `Host` blocks of an OpenSSH client config (ssh_config(5)): one entry per concrete alias,
 * options resolved as ssh does (for each option the first value from any block whose patterns
 * match wins). Wildcard-only aliases, `Match` blocks and `Include` lines are not followed.
 */
export function parseSshConfig(text: string): SshConfigHost[] {
  const blocks = readBlocks(text);
  const aliases = blocks.flatMap((b) => b.patterns.filter((p) => !/[*?!]/.test(p)));
  return [...new Set(aliases)].map((alias) => {
    const value = (key: string) => {
      for (const b of blocks) if (matches(b.patterns, alias) && b.options.has(key)) return b.options.get(key)!;
      return null;
    };
    const port = Number(value("port"));
    return {
      alias,
      hostName: (value("hostname") ?? alias).replace(/%h/g, alias),
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
      user: value("user"),
      identityFile: value("identityfile"),
    };
  });
}

function readBlocks(text: string): Block[] {
  const blocks: Block[] = [{ patterns: ["*"], options: new Map() }];
  let skipping = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = unquote(m[2]!.trim());
    if (key === "host") {
      skipping = false;
      blocks.push({ patterns: value.split(/\s+/).filter(Boolean), options: new Map() });
    } else if (key === "match") {
      skipping = true;
    } else if (!skipping) {
      const options = blocks.at(-1)!.options;
      if (!options.has(key)) options.set(key, value);
    }
  }
  return blocks;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function matches(patterns: string[], alias: string): boolean {
  let hit = false;
  for (const p of patterns) {
    const negated = p.startsWith("!");
    if (glob(negated ? p.slice(1) : p).test(alias)) {
      if (negated) return false;
      hit = true;
    }
  }
  return hit;
}

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}
