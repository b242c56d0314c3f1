/** Columns a terminal gives a text: two for each CJK (wide) character, one for any other. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/** `padEnd` by terminal columns, so Chinese labels line up with English ones. */
export const padEndWide = (text: string, columns: number) => text + " ".repeat(Math.max(0, columns - textWidth(text)));

/** `padStart` by terminal columns. */
export const padStartWide = (text: string, columns: number) => " ".repeat(Math.max(0, columns - textWidth(text))) + text;
