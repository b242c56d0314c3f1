/** A URL segment naming a row by id: a positive safe integer, else null (the page or route answers not found). */
export function parseRouteId(raw: string): number | null {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
