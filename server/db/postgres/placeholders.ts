import "server-only";
import type { Params } from "../db";

interface Compiled {
  text: string;
  /** For `@name` placeholders: the names in `$n` order; null for `?` placeholders. */
  names: string[] | null;
}

const compiled = new Map<string, Compiled>();

/**
 * Rewrites the `?` or `@name` placeholders the storage modules write into PostgreSQL's `$1, $2, …`
 * (a name used twice is one parameter), skipping string literals; compiled once per SQL text.
 */
export function toPostgres(sql: string, params: Params | undefined): { text: string; values: unknown[] } {
  let c = compiled.get(sql);
  if (!c) compiled.set(sql, (c = compile(sql)));
  if (params === undefined) return { text: c.text, values: [] };
  if (Array.isArray(params)) return { text: c.text, values: params as unknown[] };
  const byName = params as Record<string, unknown>;
  return {
    text: c.text,
    values: (c.names ?? []).map((n) => {
      if (!Object.hasOwn(byName, n)) throw new Error(`missing named parameter @${n}`);
      return byName[n];
    }),
  };
}

function compile(sql: string): Compiled {
  let text = "";
  let positional = 0;
  const names: string[] = [];
  let inString = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'") inString = !inString;
    if (inString) {
      text += ch;
      continue;
    }
    if (ch === "?") {
      text += `$${++positional}`;
      continue;
    }
    const name = ch === "@" ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] : undefined;
    if (name) {
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      text += `$${index + 1}`;
      i += name.length;
      continue;
    }
    text += ch;
  }
  if (positional > 0 && names.length > 0) throw new Error("a statement mixes ? and @name placeholders");
  return { text, names: names.length > 0 ? names : null };
}
