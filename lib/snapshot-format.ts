/**
 * A time as "2026-11-25 14:40 UTC": the same text on the server and in any browser, so pages
 * rendered on the server hydrate without a mismatch, and a shared link reads the same everywhere.
 */
export function formatUtc(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDays(days: number): string {
  return days === 1 ? "1 day" : `${days} days`;
}
