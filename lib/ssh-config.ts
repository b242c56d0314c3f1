import { msg, type Message } from "./i18n/message";

/** A host found in an OpenSSH client config, with the options twscope uses. */
export interface SshConfigHost {
  alias: string;
  hostName: string;
  port: number | null;
  user: string | null;
  identityFile: string | null;
  /** ProxyJump as written (`bastion`, `user@host:port`, `a,b`, `none`); null when no block sets it. */
  proxyJump: string | null;
  /** A ProxyCommand, never run: an import leaves such a host out. */
  proxyCommand: string | null;
}

/** A line of the config twscope did not apply, with why, so an import can say what it left out. */
interface IgnoredDirective {
  /** 1-based line number in the pasted text. */
  line: number;
  directive: string;
  text: string;
  /** Why, worded where it is shown (`hostForms.sshConfig.reasons.*`). */
  reason: Message;
}

export interface SshConfigRead {
  hosts: SshConfigHost[];
  ignored: IgnoredDirective[];
  /** What the config gives a name that is no alias of it (a jump host named by address, say), from its wildcard blocks. */
  lookup: (name: string) => SshConfigHost;
}

interface Block {
  patterns: string[];
  options: Map<string, string>;
}

/** Options that change how ssh reaches a host, which twscope does not do: a host imported with one would be reached differently. */
const UNSUPPORTED: Record<string, Message> = {
  proxycommand: msg("hostForms.sshConfig.reasons.proxyCommandLine"),
};

/**
 * Reads `Host` blocks of an OpenSSH client config (ssh_config(5)): one entry per concrete alias,
 * options resolved as ssh does (for each option the first value from any block whose patterns
 * match wins). Wildcard-only aliases are defaults only; `Match` blocks, `Include` lines and
 * ProxyCommand are not followed, and each such line is listed in `ignored`.
 */
export function readSshConfig(text: string): SshConfigRead {
  const { blocks, ignored } = readBlocks(text);
  const aliases = blocks.flatMap((b) => b.patterns.filter((p) => !/[*?!]/.test(p)));
  const lookup = (alias: string): SshConfigHost => {
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
      proxyJump: value("proxyjump"),
      proxyCommand: value("proxycommand"),
    };
  };
  return { hosts: [...new Set(aliases)].map(lookup), ignored, lookup };
}

/** The hosts of a config; `readSshConfig` also says what was ignored. */
export function parseSshConfig(text: string): SshConfigHost[] {
  return readSshConfig(text).hosts;
}

function readBlocks(text: string): { blocks: Block[]; ignored: IgnoredDirective[] } {
  const blocks: Block[] = [{ patterns: ["*"], options: new Map() }];
  const ignored: IgnoredDirective[] = [];
  let match: IgnoredDirective | null = null;
  let matchOptions = 0;
  const closeMatch = () => {
    if (match) match.reason = msg("hostForms.sshConfig.reasons.match", { options: matchOptions });
    match = null;
    matchOptions = 0;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) return;
    const key = m[1]!.toLowerCase();
    const value = unquote(m[2]!.trim());
    const note = (reason: Message) => {
      const d = { line: index + 1, directive: m[1]!, text: line, reason };
      ignored.push(d);
      return d;
    };
    if (key === "host") {
      closeMatch();
      blocks.push({ patterns: value.split(/\s+/).filter(Boolean), options: new Map() });
    } else if (key === "match") {
      closeMatch();
      match = note(msg("hostForms.sshConfig.reasons.match", { options: 0 }));
    } else if (match) {
      matchOptions++;
    } else if (key === "include") {
      note(msg("hostForms.sshConfig.reasons.include"));
    } else {
      // An unsupported option is listed, and kept so that the hosts it applies to are left out.
      if (UNSUPPORTED[key]) note(UNSUPPORTED[key]);
      const options = blocks.at(-1)!.options;
      if (!options.has(key)) options.set(key, value);
    }
  });
  closeMatch();
  return { blocks, ignored };
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
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}
