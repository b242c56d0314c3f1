import "server-only";

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * One row in the text format of PostgreSQL's COPY: values tab-separated, `\N` for NULL, backslash escapes,
 * blobs as bytea's hex form (exactly their bytes). Numbers are written as JavaScript writes them, which
 * PostgreSQL reads back to the same integer or double. `binary[i]` says that column `i` is BYTEA.
 */
export function copyTextLine(row: readonly unknown[], binary: readonly boolean[]): string {
  let line = "";
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += "\t";
    line += copyTextValue(row[i], binary[i] === true);
  }
  return `${line}\n`;
}

function copyTextValue(value: unknown, binary: boolean): string {
  if (value === null || value === undefined) return "\\N";
  if (binary) return `\\\\x${(Buffer.isBuffer(value) ? value : Buffer.from(String(value), "utf8")).toString("hex")}`;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!);
  throw new Error(`a ${Buffer.isBuffer(value) ? "blob" : typeof value} where PostgreSQL has no BYTEA column`);
}
