/** A piece of prose: plain text, or a `code` span with its backticks removed. */
export interface TextPiece {
  code: boolean;
  text: string;
}

/**
 * Splits prose written with Markdown code spans (`ss -Hltn`) into plain and code pieces, so the UI
 * shows `<code>` instead of literal backticks. An unpaired backtick is dropped, never shown.
 */
export function codeSpans(text: string): TextPiece[] {
  const parts = text.split("`");
  const closed = parts.length % 2 === 1;
  const pieces: TextPiece[] = [];
  parts.forEach((part, i) => {
    const code = i % 2 === 1 && (closed || i < parts.length - 1);
    if (part === "") return;
    const last = pieces.at(-1);
    if (last && last.code === code) last.text += part;
    else pieces.push({ code, text: part });
  });
  return pieces;
}

/** The same prose with the code marks taken out, for places that cannot render `<code>` (titles, labels). */
export function withoutCodeMarks(text: string): string {
  return codeSpans(text)
    .map((p) => p.text)
    .join("");
}
